"""How long `burden serve` takes from Run to results on the page, for Ranam with 1,000
iterations: start the release binary on a free port, then 7 times POST /api/run and
poll the job every 10 ms until it is done with the page's Results HTML in hand.
Prints each time and the median (the issue asks for under 2 s).

    cargo build --release && python3 benches/serve.py [runs]
"""

import json
import re
import statistics
import subprocess
import sys
import time
import urllib.request

runs = int(sys.argv[1]) if len(sys.argv) > 1 else 7
server = subprocess.Popen(["target/release/burden", "serve", "--port", "0", "--no-open"],
                          stdout=subprocess.PIPE, text=True)
try:
    url = re.search(r"http://\S+", server.stdout.readline()).group(0)

    def call(path, body=None):
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(url + path, data=data,
                                         headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request) as r:
            return json.load(r)

    ranam = call("api/scenarios")["default"]
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        job = call("api/run", {"scenario": ranam, "iterations": 1000})["job"]
        while True:
            status = call(f"api/jobs/{job}")
            if status["state"] != "running":
                break
            time.sleep(0.01)
        elapsed = time.perf_counter() - start
        assert status["state"] == "done" and "Headline findings" in status["html"], status["state"]
        times.append(elapsed)
        print(f"run to results: {elapsed:.2f} s ({len(status['html']) / 1000:.0f} kB of results)")
    print(f"median of {runs}: {statistics.median(times):.2f} s (min {min(times):.2f} s)")
finally:
    server.terminate()
