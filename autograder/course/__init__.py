"""The course and a class before grading: folders, release, the gradebook, collecting submissions.

* :mod:`.folders`: the repository's folders and a class folder as nbgrader lays it out;
* :mod:`.release`: ``notebooks/`` generated from ``solutions/`` by nbgrader, whose
  configuration adds :mod:`.run_all` (test cells tagged so that Run All reads on);
* :mod:`.gradebook`: nbgrader's gradebook: what was released, who is in the class;
* :mod:`.download` and :mod:`.collect`: an LMS download into ``submitted/``: whose each
  file is (:mod:`.owners`, :mod:`.identity`), which notebook (:mod:`.fingerprints`,
  :mod:`.matching`), and the class record of who and when (:mod:`.class_record`);
* :mod:`.notebook_files`: handed-in files, parsed leniently and recognised.
"""
