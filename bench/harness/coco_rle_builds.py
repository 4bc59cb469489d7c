#!/usr/bin/env python3
"""`segpack coco rle --recompute` whole process, alternating builds or JVM flags round by round, for
same-minute comparisons on a noisy machine. Each SPEC is `DIR|ENV=VALUE;ENV=VALUE` (DIR: a checkout
whose ./segpack to run, empty for this one; ENV such as SEGPACK_JVM_OPTS=... or SEGPACK_AOT=0). The
order of the specs rotates every round; prints per spec the median and fastest wall time, the median
user CPU, and the median of each round's ratio to the first spec.

    python3 bench/harness/coco_rle_builds.py /tmp/coco-big.json 2 10 "/path/to/other/checkout|" "|"
"""
import os
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def main(ann, threads, rounds, specs):
    walls = {s: [] for s in specs}
    users = {s: [] for s in specs}
    for r in range(rounds):
        for s in specs[r % len(specs):] + specs[:r % len(specs)]:
            folder, _, assignments = s.partition('|')
            env = dict(os.environ)
            for kv in filter(None, assignments.split(';')):
                key, _, value = kv.partition('=')
                env[key] = value
            out = os.path.join('/tmp', 'coco-rle-builds-%d.json' % os.getpid())
            before = os.times()
            start = time.time()
            subprocess.run(['./segpack', 'coco', 'rle', '--ann', ann, '--out', out, '--recompute', '--threads', threads],
                           cwd=folder or HERE, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
            walls[s].append(time.time() - start)
            users[s].append(os.times().children_user - before.children_user)
            os.remove(out)
    for s in specs:
        ratios = [w / b for w, b in zip(walls[s], walls[specs[0]])]
        print(f"threads {threads} {s!r}: wall median {statistics.median(walls[s]):.3f} s, fastest {min(walls[s]):.3f} s;"
              f" user median {statistics.median(users[s]):.2f} s; ratio to the first, median {statistics.median(ratios):.3f}")
    print("load average", " ".join(open('/proc/loadavg').read().split()[:3]))


if __name__ == '__main__':
    if len(sys.argv) < 5:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4:])
