"""The demo province: a deterministic synthetic Đồng Tháp for development, demos and load tests.

`manage.py demo` (hoso/people/management/commands/demo.py) calls `runner.run_demo`, which plans
the unit tree (`units`), draws people (`people`, with the material in `data` and the careers in
`profiles`) and writes them in bulk with version 1 of each record (`writer`).
"""
