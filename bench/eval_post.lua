-- wrk script: every request is the FUNNEL.BUDGET call of the README.
wrk.method = "POST"
wrk.body = '{"function": "FUNNEL.BUDGET", "args": [100, [0.02, 0.05, 0.2], 0.008]}'
wrk.headers["Content-Type"] = "application/json"

done = function(summary, latency, requests)
  io.write(string.format("requests/s %.0f  p50 %.2f ms  p99 %.2f ms  errors %d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, summary.errors.status + summary.errors.connect + summary.errors.read +
    summary.errors.write + summary.errors.timeout))
end
