#!/bin/sh
# Copy the front-end assets the pages need from node_modules into static/vendor/ (git-ignored).
# Run after `npm ci`: `npm run build` or `sh scripts/copy-assets.sh`.
#
# Each folder is copied into a hidden temporary folder beside it and then swapped into place,
# so a page served meanwhile (a test run next to this one: bin/test builds on every run) never
# finds it empty or half copied. collectstatic ignores the hidden names (".*").
set -eu

root=$(CDPATH= cd -- "$(dirname -- "$0")/.." && pwd)
vendor="$root/static/vendor"
src="$root/node_modules/dkfds/dist"
dest="$vendor/dkfds"
htmx="$root/node_modules/htmx.org"

if [ ! -d "$src" ]; then
    echo "copy-assets: $src is missing; run 'npm ci' first." >&2
    exit 1
fi
if [ ! -f "$htmx/dist/htmx.min.js" ]; then
    echo "copy-assets: $htmx is missing; run 'npm ci' first." >&2
    exit 1
fi

mkdir -p "$vendor"
new_dkfds="$vendor/.dkfds.new.$$"
new_htmx="$vendor/.htmx.new.$$"
trap 'rm -rf "$new_dkfds" "$new_htmx"' EXIT
trap 'exit 1' HUP INT TERM

# swap_in NEW DEST: put the freshly copied folder NEW at DEST. When DEST already holds the same
# files it is left alone; otherwise the old folder is renamed aside and NEW renamed in, so DEST
# is missing only between two renames, never for the time of a copy. (POSIX mv cannot replace
# a non-empty folder in one step.) A run beside this one may have swapped first: then its
# folder stays.
swap_in() {
    if [ -d "$2" ] && diff -r "$1" "$2" >/dev/null 2>&1; then
        rm -rf "$1"
        return
    fi
    old="$(dirname -- "$2")/.$(basename -- "$2").old.$$"
    if [ -d "$2" ]; then
        mv "$2" "$old" 2>/dev/null || :
    fi
    if [ -e "$2" ]; then
        rm -rf "$1"
    else
        mv "$1" "$2"
    fi
    rm -rf "$old"
}

# The neutral theme: Forløbsportalen is SBST's own solution, not part of borger.dk or virk.dk.
# The CSS refers to ../fonts and ../img, so keep that layout; source maps are copied because
# the manifest storage rewrites sourceMappingURL references and fails on missing files.
mkdir -p "$new_dkfds/css" "$new_dkfds/js" "$new_dkfds/img"
cp "$src/css/dkfds.min.css" "$src/css/dkfds.min.css.map" "$new_dkfds/css/"
cp "$src/js/dkfds.min.js" "$src/js/dkfds.min.js.map" "$new_dkfds/js/"
cp -R "$src/fonts" "$new_dkfds/fonts"
cp -R "$src/img/svg-icons" "$new_dkfds/img/svg-icons"
cp "$src/img/all-svg-icons.svg" "$src/img/logo-placeholder.png" \
    "$src/img/logo-header-placeholder.png" "$new_dkfds/img/"
cp "$src/LICENSE.md" "$new_dkfds/"
swap_in "$new_dkfds" "$dest"

# htmx, which the report pages poll with; its licence (0BSD) travels with it.
mkdir -p "$new_htmx"
cp "$htmx/dist/htmx.min.js" "$htmx/LICENSE" "$new_htmx/"
swap_in "$new_htmx" "$vendor/htmx"

# axe-core for the browser tests (tests/e2e reads it from node_modules or from here).
if [ -f "$root/node_modules/axe-core/axe.min.js" ]; then
    mkdir -p "$vendor/axe-core"
    cp "$root/node_modules/axe-core/axe.min.js" "$vendor/axe-core/"
fi

echo "copy-assets: DKFDS $(node -p "require('$root/node_modules/dkfds/package.json').version" 2>/dev/null || echo '?') copied to $dest, htmx $(node -p "require('$htmx/package.json').version" 2>/dev/null || echo '?') to $vendor/htmx"
