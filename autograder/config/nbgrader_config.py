"""nbgrader configuration of the course.

The nbgrader command-line tools find this file through JUPYTER_CONFIG_PATH, which the
Makefile points at this folder; the `autograder` package loads it directly. The course
root is the folder nbgrader runs in (the repository root for `make release` and
`make lab`; a class folder when grading).
"""

c = get_config()  # noqa: F821 -- `get_config` is provided by traitlets when it loads this file

# Instructor sources live in solutions/<NN-slug>/, student copies in notebooks/<NN-slug>/.
c.CourseDirectory.course_id = "nnfs-course"
c.CourseDirectory.source_directory = "solutions"
c.CourseDirectory.release_directory = "notebooks"

# What replaces a solution in the student copy. The checks in nbhelpers recognise the
# NotImplementedError and tell the student which exercise is still to do.
c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE\nraise NotImplementedError()"}
c.ClearSolutions.text_stub = "YOUR ANSWER HERE"

# Student notebooks as nbgrader generates them, with the graded test cells tagged so that
# JupyterLab's Run All goes on past a failing test (autograder/course/run_all.py).
from nbgrader.converters import GenerateAssignment  # noqa: E402

from autograder.course.run_all import TagTestCells  # noqa: E402

c.GenerateAssignment.preprocessors = [
    *GenerateAssignment.class_traits()["preprocessors"].default(),
    TagTestCells,
]

# Feedback pages show each student their graded notebook; stock nbgrader shows it with the
# hidden tests in it. Removing them (as generate_assignment does) keeps them hidden.
from nbconvert.preprocessors import CSSHTMLHeaderPreprocessor  # noqa: E402
from nbgrader.preprocessors import ClearHiddenTests, GetGrades  # noqa: E402

c.GenerateFeedback.preprocessors = [GetGrades, ClearHiddenTests, CSSHTMLHeaderPreprocessor]
