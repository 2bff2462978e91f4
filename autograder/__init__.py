"""Instructor tooling on top of nbgrader: the course configuration and in-process nbgrader steps."""
