#!/usr/bin/env python3
"""Where a Spark job's time went, from Spark's event logs (spark.eventLog.enabled, uncompressed):
per application, the master, the time from the application's start to its first Spark job (the
driver's own work before it: for coco-rle, indexing the file), the time from the first job's
submission to the last one's end, the tasks, and their run and CPU seconds summed (the executors'
share; CPU below run time means the task threads waited for a core).
    spark_event_summary.py EVENT_LOG_DIR..."""
import glob
import json
import os
import sys


def events(directory):
    for name in sorted(glob.glob(os.path.join(directory, "events_*"))):
        with open(name, encoding="utf-8") as lines:
            for line in lines:
                yield json.loads(line)


def summary(directory):
    start = master = None
    jobs, ends, tasks = [], [], []
    for e in events(directory):
        kind = e["Event"]
        if kind == "SparkListenerApplicationStart":
            start = e["Timestamp"]
        elif kind == "SparkListenerEnvironmentUpdate":
            master = e["Spark Properties"].get("spark.master")
        elif kind == "SparkListenerJobStart":
            jobs.append(e["Submission Time"])
        elif kind == "SparkListenerJobEnd":
            ends.append(e["Completion Time"])
        elif kind == "SparkListenerTaskEnd":
            tasks.append(e["Task Metrics"])
    run = sum(t["Executor Run Time"] for t in tasks) / 1e3
    cpu = sum(t["Executor CPU Time"] for t in tasks) / 1e9
    return (f"{master}: start to first job {(jobs[0] - start) / 1e3:.2f} s, jobs {(ends[-1] - jobs[0]) / 1e3:.2f} s"
            f" ({len(jobs)} jobs, {len(tasks)} tasks: run {run:.2f} s, CPU {cpu:.2f} s)")


if __name__ == "__main__":
    for d in sys.argv[1:]:
        for app in sorted(glob.glob(os.path.join(d, "eventlog_v2_*")), key=os.path.getmtime):
            print(summary(app))
