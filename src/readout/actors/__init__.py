"""Actor knowledge and resolution: who a name, title or role phrase refers to, on a date.

`resolve_actor("Chinese President Xi Jinping", date="2022-12-30")` works without an article;
the `actors` pipeline stage (readout.stages.actors) uses the same tables over spaCy's parse.
"""
from .resolve import resolve_actor

__all__ = ["resolve_actor"]
