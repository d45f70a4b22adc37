#!/usr/bin/env bash
# Copy ReDoc's standalone bundle, at the pinned version, from the npm registry into the
# package that serves every API docs page, so no page loads a script from elsewhere.
#
# Usage: tools/redoc/vendor.sh    (after changing VERSION and INTEGRITY below)
set -euo pipefail

VERSION=2.5.4
INTEGRITY=sha512-M6jWhG1qoBnH6TFmzJnstyCZ87HmOY/UzDm78mHiYihEdlV/YcS9ogOo1NlElnJMeLsyxHFe2yFc4sNjHTrABQ==

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
STATIC="$HERE/../../shared/qplatform/web/static"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

tarball="$(cd "$work" && npm pack "redoc@$VERSION" --silent)"
actual="sha512-$(openssl dgst -sha512 -binary "$work/$tarball" | base64 -w0)"
[[ "$actual" == "$INTEGRITY" ]] || { echo "vendor.sh: $tarball is not the pinned one ($actual)" >&2; exit 1; }
tar -xzf "$work/$tarball" -C "$work"
cp "$work/package/bundles/redoc.standalone.js" "$STATIC/redoc.standalone.js"
cp "$work/package/bundles/redoc.standalone.js.LICENSE.txt" "$STATIC/redoc.standalone.js.LICENSE.txt"
cp "$work/package/LICENSE" "$STATIC/redoc.LICENSE.txt"
sha256sum "$STATIC/redoc.standalone.js" | cut -d' ' -f1 >"$STATIC/redoc.standalone.js.sha256"
echo "redoc $VERSION" >"$STATIC/redoc.version"
echo "vendor.sh: redoc $VERSION copied into $STATIC"
