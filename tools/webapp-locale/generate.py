#!/usr/bin/env python3
"""Builds app/<webapp>/locales/vi.json for the Camunda 7 webapps from the webjar's en.json and the
translation pieces in vi/*.tsv.

Each line of a piece is  KEY = Vietnamese text  (\\n stands for a line break). A key means the same in every
webapp; `webapp:KEY = text` overrides it for one webapp where the English differs. Lines starting with # are
comments. Keys missing from the pieces are listed and the script exits 1, so nothing untranslated slips in.

Usage: python3 tools/webapp-locale/generate.py [path/to/camunda-webapp-webjar-<version>.jar]
"""
import glob
import json
import os
import re
import sys
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
OUT = os.path.join(ROOT, "src/main/resources/META-INF/resources/webjars/camunda/app")
WEBAPPS = ["welcome", "tasklist", "admin", "cockpit"]
PLACEHOLDER = re.compile(r"\{\{.*?\}\}")
LINE = re.compile(r"^([A-Za-z0-9_:]+) = ?(.*)$")
TAG = re.compile(r"</?(?:a|br|strong|b|i|em|code|span|p|ul|li)\b[^>]*>")


def find_webjar():
    if len(sys.argv) > 1:
        return sys.argv[1]
    pom = open(os.path.join(ROOT, "pom.xml"), encoding="utf-8").read()
    version = re.search(r"<camunda.version>(.*?)</camunda.version>", pom).group(1)
    return os.path.expanduser(
        f"~/.m2/repository/org/camunda/bpm/webapp/camunda-webapp-webjar/{version}/"
        f"camunda-webapp-webjar-{version}.jar")


def load_pieces():
    common, per_app = {}, {}
    for path in sorted(glob.glob(os.path.join(HERE, "vi", "*.tsv"))):
        for n, line in enumerate(open(path, encoding="utf-8"), 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            m = LINE.match(line)
            if not m:
                sys.exit(f"{path}:{n}: not KEY = text")
            key, text = m.group(1), m.group(2)
            text = text.replace("\\n", "\n")
            if ":" in key:
                app, key = key.split(":", 1)
                per_app.setdefault(app, {})[key] = text
            else:
                if key in common and common[key] != text:
                    print(f"note: {path}:{n}: {key} given twice, later one wins", file=sys.stderr)
                common[key] = text
    return common, per_app


def main():
    jar = zipfile.ZipFile(find_webjar())
    common, per_app = load_pieces()
    date_locales = json.load(open(os.path.join(HERE, "dateLocales.vi.json"), encoding="utf-8"))
    missing, bad = [], []
    for app in WEBAPPS:
        en = json.loads(jar.read(f"META-INF/resources/webjars/camunda/app/{app}/locales/en.json")
                        .decode("utf-8-sig"))
        labels = {}
        for key, en_text in en["labels"].items():
            vi = per_app.get(app, {}).get(key, common.get(key))
            if vi is None:
                missing.append(f"{app}\t{key}\t{en_text}")
                continue
            if sorted(PLACEHOLDER.findall(en_text)) != sorted(PLACEHOLDER.findall(vi)):
                bad.append(f"{app} {key}: placeholders differ")
            if len(TAG.findall(en_text)) != len(TAG.findall(vi)):
                bad.append(f"{app} {key}: HTML tags differ")
            labels[key] = vi
        out = {}
        for part in en:  # same order of parts as the English file
            out[part] = labels if part == "labels" else date_locales if part == "dateLocales" else en[part]
        out.setdefault("dateLocales", date_locales)
        os.makedirs(os.path.join(OUT, app, "locales"), exist_ok=True)
        with open(os.path.join(OUT, app, "locales", "vi.json"), "w", encoding="utf-8") as f:
            json.dump(out, f, ensure_ascii=False, indent=2)
            f.write("\n")
        print(f"{app}: {len(labels)}/{len(en['labels'])} labels")
    for line in bad:
        print("BAD", line, file=sys.stderr)
    if os.path.exists("/tmp/webapp-locale-missing.tsv"):
        os.remove("/tmp/webapp-locale-missing.tsv")
    if missing:
        with open("/tmp/webapp-locale-missing.tsv", "w", encoding="utf-8") as f:
            f.write("\n".join(missing) + "\n")
        print(f"{len(missing)} labels missing, listed in /tmp/webapp-locale-missing.tsv", file=sys.stderr)
    sys.exit(1 if missing or bad else 0)


if __name__ == "__main__":
    main()
