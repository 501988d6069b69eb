#!/usr/bin/python3
"""Updates the office way: the office's own update check offers a newer alignkit from the feed.

  update_check_test.py --oxt build/alignkit.oxt --feed-writer cmake/WriteUpdateFeed.cmake

Serves an update feed on loopback, written by the build's own feed writer, and installs the built
extension with its description.xml naming that feed (the address a build sets with
ALIGNKIT_UPDATE_FEED; here the test's free port). The office's update check
(PackageInformationProvider.isUpdateAvailable, what Extension Manager ▸ Check for Updates asks)
must offer the newer version when the feed has one, nothing when the feed has the installed
version, and must have read the feed over HTTP to say so.
"""
import argparse
import functools
import http.server
import re
import subprocess
import sys
import tempfile
import threading
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from office import running_office  # noqa: E402
from report import Report  # noqa: E402

EXTENSION_ID = "org.alignkit.calc"


class FeedServer(threading.Thread):
    """A folder on a free loopback port; remembers which paths were asked for."""

    def __init__(self, folder):
        super().__init__(daemon=True)
        self.asked = []
        server = self

        class Handler(http.server.SimpleHTTPRequestHandler):
            def log_message(self, *args):
                server.asked.append(self.path)

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(folder)))
        self.port = self.httpd.server_address[1]

    def run(self):
        self.httpd.serve_forever()

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()


def with_feed(oxt, feed, out):
    """The built .oxt, its description.xml naming `feed` as its update feed."""
    with zipfile.ZipFile(oxt) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "description.xml":
                text = re.sub(r"\s*<update-information>.*?</update-information>", "", data.decode(), flags=re.S)
                text = text.replace('<platform value="linux_x86_64"/>',
                                    f'<platform value="linux_x86_64"/>\n  <update-information>'
                                    f'<src xlink:href="{feed}"/></update-information>', 1)
                data = text.encode()
            target.writestr(item, data)
    return out


def installed_version(oxt):
    with zipfile.ZipFile(oxt) as source:
        return re.search(r'<version value="([^"]+)"', source.read("description.xml").decode()).group(1)


def write_feed(writer, version, download, out):
    subprocess.run(["cmake", f"-DVERSION={version}", f"-DDOWNLOAD={download}", f"-DOUTPUT={out}", "-P", str(writer)],
                   check=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--oxt", required=True)
    parser.add_argument("--feed-writer", required=True)
    args = parser.parse_args()
    report = Report()
    work = Path(tempfile.mkdtemp(prefix="alignkit-update-"))
    served = work / "served"
    served.mkdir()
    server = FeedServer(served)
    server.start()
    base = f"http://127.0.0.1:{server.port}"
    version = installed_version(args.oxt)
    major, minor, patch = (int(part) for part in version.split("."))
    newer = f"{major}.{minor}.{patch + 1}"
    oxt = with_feed(args.oxt, f"{base}/alignkit.update.xml", work / "alignkit.oxt")
    try:
        with running_office(str(oxt)) as office:
            provider = office.context.getValueByName("/singletons/com.sun.star.deployment.PackageInformationProvider")
            write_feed(args.feed_writer, version, f"{base}/alignkit.oxt", served / "alignkit.update.xml")
            offered = [tuple(entry) for entry in provider.isUpdateAvailable(EXTENSION_ID)]
            report.check(offered == [], f"the feed has the installed {version}: nothing is offered ({offered})")
            report.check("/alignkit.update.xml" in server.asked, f"the office read the feed ({server.asked})")
            write_feed(args.feed_writer, newer, f"{base}/alignkit.oxt", served / "alignkit.update.xml")
            offered = [tuple(entry) for entry in provider.isUpdateAvailable(EXTENSION_ID)]
            report.check(offered == [(EXTENSION_ID, newer)], f"the feed has {newer}: the office offers it ({offered})")
    finally:
        server.stop()
    return report.finish()


if __name__ == "__main__":
    sys.exit(main())
