"""The protocol between a student's kernel and the checker: values and objects across a socket.

During grading, test cells run in a *checker* process that never runs student code; the
student's functions and objects stay in the student's kernel, and the checker uses them
through proxies. Whatever the student's code does to its own process (replacing numpy
functions, the checkers, builtins, ``sys.modules``; reading the caller's frames to find
expected values) happens where no test runs and no expected value exists.

* :mod:`.codec` turns values into JSON-ready data and back: data (numbers, strings,
  containers, numpy arrays and generators) is copied, anything else stays with its owner
  and travels as a reference. Decoding never runs code and never trusts its input.
* :mod:`.proxies`: what a reference becomes on the other side; calling it, reading its
  attributes, iterating it, comparing it... are requests to the owner.
* :mod:`.calls`: what a call carries besides its value, so that it behaves as in one
  process (arguments changed in place, global random states, printed output, warnings,
  exceptions).
* :mod:`.channel`: one side of the connection: messages, requests and their answers.
* :mod:`.errors`: what goes wrong; a malformed message is a ``ProtocolError``, which
  grading treats as tampering.
"""
