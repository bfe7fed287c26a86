import multiprocessing

from panel_app.cli import main

if __name__ == "__main__":
    # A frozen app starts its import child processes through this same entry point.
    multiprocessing.freeze_support()
    raise SystemExit(main())
