"""The article frame stage: the conflict an article is about, read once before events are coded."""

from truceline.frame.build import build_frame
from truceline.frame.lookup import FrameIndex

__all__ = ["FrameIndex", "build_frame"]
