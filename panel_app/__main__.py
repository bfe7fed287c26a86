from panel_app.cli import main

raise SystemExit(main())
