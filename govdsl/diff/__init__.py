"""Semantic diff: what a change to `.gov` files changes in who decides what."""

from govdsl.diff.compare import Change, ModelDiff, diff_models

__all__ = ["Change", "ModelDiff", "diff_models"]
