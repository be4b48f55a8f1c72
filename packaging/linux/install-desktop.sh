#!/bin/sh
# Desktop integration on Linux: menu entry, icons, AppStream metadata, "Open with" for
# .txt/.html/.docx/.pdf. Installs for the current user (XDG_DATA_HOME, default ~/.local/share);
# run as root with XDG_DATA_HOME=/usr/local/share for everyone.
#
#   packaging/linux/install-desktop.sh                  # pip install: report-explorer-gui on PATH
#                                                       # (written as an absolute path: a desktop
#                                                       # session's PATH may lack a venv or ~/.local/bin)
#   packaging/linux/install-desktop.sh /opt/report-explorer/report-explorer-gui   # the bundle
#   packaging/linux/install-desktop.sh --uninstall
set -eu

APP_ID=io.github.reportexplorer.ReportExplorer
HERE=$(cd "$(dirname "$0")" && pwd)
ICONS=$(cd "$HERE/../icons/hicolor" && pwd)
DATA=${XDG_DATA_HOME:-$HOME/.local/share}

refresh() {
    # Menus and icon themes cache their contents; both tools are optional.
    if command -v update-desktop-database >/dev/null 2>&1; then
        update-desktop-database -q "$DATA/applications" || true
    fi
    if command -v gtk-update-icon-cache >/dev/null 2>&1 && [ -f "$DATA/icons/hicolor/index.theme" ]; then
        gtk-update-icon-cache -q -t "$DATA/icons/hicolor" || true
    fi
}

if [ "${1:-}" = "--uninstall" ]; then
    rm -f "$DATA/applications/$APP_ID.desktop" "$DATA/metainfo/$APP_ID.metainfo.xml"
    find "$DATA/icons/hicolor" -name "$APP_ID.*" -type f -exec rm -f {} + 2>/dev/null || true
    refresh
    echo "removed $APP_ID from $DATA"
    exit 0
fi

EXEC=${1:-$(command -v report-explorer-gui || true)}
if [ -z "$EXEC" ]; then
    echo "install-desktop: report-explorer-gui is not on PATH; pass the executable's path" >&2
    exit 2
fi
# An absolute path is quoted in Exec=; the characters the desktop entry spec would need
# escaped inside quotes are refused rather than escaped wrongly.
case "$EXEC" in
    /*) ;;
    *) EXEC="$(pwd)/$EXEC" ;;
esac
case "$EXEC" in
    *'"'* | *'`'* | *'$'* | *'\'* | *'|'* | *'&'*) echo "install-desktop: unsupported character in $EXEC" >&2; exit 2 ;;
esac
[ -x "$EXEC" ] || { echo "install-desktop: $EXEC is not an executable" >&2; exit 2; }

mkdir -p "$DATA/applications" "$DATA/metainfo"
sed -e "s|^TryExec=.*|TryExec=$EXEC|" -e "s|^Exec=report-explorer-gui|Exec=\"$EXEC\"|" \
    "$HERE/$APP_ID.desktop" > "$DATA/applications/$APP_ID.desktop"
cp "$HERE/$APP_ID.metainfo.xml" "$DATA/metainfo/$APP_ID.metainfo.xml"
for src in "$ICONS"/*/apps/"$APP_ID".*; do
    dir=$(basename "$(dirname "$(dirname "$src")")")
    mkdir -p "$DATA/icons/hicolor/$dir/apps"
    cp "$src" "$DATA/icons/hicolor/$dir/apps/"
done
refresh
echo "installed $APP_ID into $DATA"
