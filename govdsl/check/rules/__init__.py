"""The governance rules, one class each, grouped by category.

Importing this package registers every rule (see registry.py).
"""

from govdsl.check.rules import subsidiarity  # noqa: F401
from govdsl.check.rules import conflicts  # noqa: F401
from govdsl.check.rules import delegation  # noqa: F401
from govdsl.check.rules import accountability  # noqa: F401
from govdsl.check.rules import composition  # noqa: F401
from govdsl.check.rules import dates  # noqa: F401
