#!/usr/bin/env bash
# Print a Python 3.12+ interpreter: .python-version asks for 3.13; any 3.12+ works.
set -euo pipefail
candidates=(python3.13 python3.12)
if command -v pyenv >/dev/null 2>&1; then
  root=$(pyenv root)
  for v in "$root"/versions/3.13* "$root"/versions/3.12*; do [ -x "$v/bin/python" ] && candidates+=("$v/bin/python"); done
fi
candidates+=(python3)
for c in "${candidates[@]}"; do
  if command -v "$c" >/dev/null 2>&1 && "$c" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' 2>/dev/null; then
    command -v "$c"; exit 0
  fi
done
echo "No Python 3.12 or newer found. Install Python 3.13 (e.g. 'pyenv install 3.13') and retry." >&2
exit 1
