"""What can go wrong between the two sides of a channel."""


class ProtocolError(RuntimeError):
    """The other side sent something that is not a valid message (a sign of tampering)."""


class UnsendableValue(ValueError):
    """A value too large or too deeply nested to send (the sender's problem, not tampering)."""


class ChannelClosed(RuntimeError):
    """The other side is gone (its process ended or was stopped)."""


class CellTimeoutError(BaseException):
    """A cell ran past its time limit (a BaseException, like Ctrl-C, so that ``except
    Exception`` in student code does not swallow it). Also raised in the checker when the
    student's code it called does not answer in time."""
