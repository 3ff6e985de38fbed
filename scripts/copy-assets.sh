#!/bin/sh
# Copy the front-end assets the pages need from node_modules into static/vendor/ (git-ignored).
# Run after `npm ci`: `npm run build` or `sh scripts/copy-assets.sh`.
set -eu

root=$(CDPATH= cd -- "$(dirname -- "$0")/.." && pwd)
src="$root/node_modules/dkfds/dist"
dest="$root/static/vendor/dkfds"

if [ ! -d "$src" ]; then
    echo "copy-assets: $src is missing; run 'npm ci' first." >&2
    exit 1
fi

rm -rf "$dest"
mkdir -p "$dest/css" "$dest/js" "$dest/img"

# The neutral theme: Forløbsportalen is SBST's own solution, not part of borger.dk or virk.dk.
# The CSS refers to ../fonts and ../img, so keep that layout; source maps are copied because
# the manifest storage rewrites sourceMappingURL references and fails on missing files.
cp "$src/css/dkfds.min.css" "$src/css/dkfds.min.css.map" "$dest/css/"
cp "$src/js/dkfds.min.js" "$src/js/dkfds.min.js.map" "$dest/js/"
cp -R "$src/fonts" "$dest/fonts"
cp -R "$src/img/svg-icons" "$dest/img/svg-icons"
cp "$src/img/all-svg-icons.svg" "$src/img/logo-placeholder.png" \
    "$src/img/logo-header-placeholder.png" "$dest/img/"
cp "$src/LICENSE.md" "$dest/"

# htmx, which the report pages poll with; its licence (0BSD) travels with it.
htmx="$root/node_modules/htmx.org"
if [ ! -f "$htmx/dist/htmx.min.js" ]; then
    echo "copy-assets: $htmx is missing; run 'npm ci' first." >&2
    exit 1
fi
rm -rf "$root/static/vendor/htmx"
mkdir -p "$root/static/vendor/htmx"
cp "$htmx/dist/htmx.min.js" "$htmx/LICENSE" "$root/static/vendor/htmx/"

# axe-core for the browser tests (tests/e2e reads it from node_modules or from here).
if [ -f "$root/node_modules/axe-core/axe.min.js" ]; then
    mkdir -p "$root/static/vendor/axe-core"
    cp "$root/node_modules/axe-core/axe.min.js" "$root/static/vendor/axe-core/"
fi

echo "copy-assets: DKFDS $(node -p "require('$root/node_modules/dkfds/package.json').version" 2>/dev/null || echo '?') copied to $dest, htmx $(node -p "require('$htmx/package.json').version" 2>/dev/null || echo '?') to $root/static/vendor/htmx"
