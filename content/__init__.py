"""The content pipeline: documents in `content/sources/` become courses of lessons and questions.

Public API (other packages import only these):
- `load_courses(paths=None, *, default_dir=None, cache_dir=None, max_bytes=..., progress=...)
  -> list[Course]` (documents of every format; built courses kept in `cache_dir`)
- `build_course(text, *, name) -> Course`
- `export_courses(courses) -> dict` (the CONTRACT.md JSON shape)
- `check_courses(paths=None, *, default_dir=None) -> list[str]` (problems; empty means OK)
- `run_check(...) -> CheckResult` (problems, notes, courses) for `peacebot content check`
- `ContentError`, raised for unusable files; `DEFAULT_DIR`
- `content.intake`: `inspect_document(data, filename, ...)` judges a new document from its
  bytes (summary, problems, refusal) and `publish(data, filename, folder)` adds it: for
  `peacebot content add` and an admin's upload
"""

from content.build import DEFAULT_DIR, build_course, export_courses, load_courses
from content.check import CheckResult, check_courses, run_check
from content.errors import ContentError
from content.model import Course, Lesson, Question

__all__ = [
    "DEFAULT_DIR",
    "CheckResult",
    "ContentError",
    "Course",
    "Lesson",
    "Question",
    "build_course",
    "check_courses",
    "export_courses",
    "load_courses",
    "run_check",
]
