import sys

from govdsl.cli.main import main

sys.exit(main())
