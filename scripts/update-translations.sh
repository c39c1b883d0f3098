#!/usr/bin/env bash
# Regenerate the translation sources from the code and compile them.
#
#   scripts/update-translations.sh          update .ts (keeps existing translations), build .qm
#
# After running it, translate new or changed entries of resources/translations/homeseat_zh_CN.ts
# (Qt Linguist, or any editor: fill <translation> and drop type="unfinished"), then run it again
# to compile. homeseat_en.ts only needs the plural forms of "%n ..." messages (the source is
# English). tests/ui/test_translations.py fails while anything is missing or unfinished.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -f .venv/bin/activate ] && [ -z "${VIRTUAL_ENV:-}" ]; then
    # shellcheck disable=SC1091
    . .venv/bin/activate
fi
mapfile -t sources < <(find app/homeseat -name '*.py' -not -path '*/__pycache__/*' | sort)
out=resources/translations
for lang in zh_CN en; do
    # _tr(context, text) is a sanctioned spelling of QCoreApplication.translate (policy page).
    pyside6-lupdate "${sources[@]}" -no-obsolete -locations none -tr-function-alias translate+=_tr \
        -source-language en -target-language "$lang" -ts "$out/homeseat_$lang.ts"
    pyside6-lrelease -silent "$out/homeseat_$lang.ts" -qm "$out/homeseat_$lang.qm"
done
