"""Entry script of the PyInstaller bundle: one analysis, two executables.

`report-explorer` (console) is the full CLI and, without a subcommand, opens the app;
`report-explorer-gui` (windowed: no console on Windows, the .app on macOS) is
explorer.gui_entry. Both run this script and pick their entry point by their own name,
so the bundle is analysed once and shares one _internal folder.
"""

import multiprocessing
import sys
from pathlib import Path

if __name__ == "__main__":
    # Library.index spawns ingest workers by re-running this executable; in a frozen app
    # the child must stop here and serve the pool instead of starting the program again.
    multiprocessing.freeze_support()
    if Path(sys.executable).stem.lower().endswith("-gui"):
        from explorer.gui_entry import main
    else:
        from explorer.cli import main
    sys.exit(main())
