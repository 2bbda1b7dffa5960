#!/usr/bin/env bash
# Install the front-end assets from the npm registry (package-lock.json pins them) and copy the
# files the pages use into static/vendor/, served locally by Django/WhiteNoise: no CDN at run time.
set -euo pipefail
cd "$(dirname "$0")/.."
stamp=static/vendor/.installed
if [ -f "$stamp" ] && [ "$stamp" -nt frontend/package-lock.json ]; then exit 0; fi
command -v npm >/dev/null || { echo "npm is needed to install the static assets: apt-get install -y npm" >&2; exit 1; }
npm ci --prefix frontend --no-audit --no-fund --loglevel=error
nm=frontend/node_modules
rm -rf static/vendor && mkdir -p static/vendor/{bootstrap,bootstrap-icons/fonts,htmx,tom-select}
cp $nm/bootstrap/dist/css/bootstrap.min.css $nm/bootstrap/dist/js/bootstrap.bundle.min.js static/vendor/bootstrap/
cp $nm/bootstrap-icons/font/bootstrap-icons.min.css static/vendor/bootstrap-icons/
cp $nm/bootstrap-icons/font/fonts/* static/vendor/bootstrap-icons/fonts/
cp $nm/htmx.org/dist/htmx.min.js static/vendor/htmx/
cp $nm/tom-select/dist/css/tom-select.bootstrap5.min.css $nm/tom-select/dist/js/tom-select.complete.min.js static/vendor/tom-select/
touch "$stamp"
