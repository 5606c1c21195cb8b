{{/* Prometheus rule groups (shared by PrometheusRule and GMP Rules). */}}
{{- define "flamingo.rules.groups" -}}
{{- $r := .Values.monitoring.rules }}
{{- $ns := printf "namespace=\"%s\"" .Release.Namespace }}
{{- $req := printf "%s,route!~\"%s\"" $ns $r.excludedRoutes }}
{{- $budget := subf 1.0 $r.sloTarget }}
- name: flamingo-slo.recording
  rules:
    {{- range $w := list "5m" "30m" "1h" "2h" "6h" "1d" "3d" }}
    - record: flamingo:http_error_ratio:rate{{ $w }}
      expr: |
        sum by (namespace) (rate(flamingo_http_request_duration_seconds_count{ {{- $req }},status=~"5.."}[{{ $w }}]))
        /
        sum by (namespace) (rate(flamingo_http_request_duration_seconds_count{ {{- $req }}}[{{ $w }}]))
    {{- end }}
- name: flamingo-slo.alerts
  rules:
    # Multi-window, multi-burn-rate alerts on the {{ mulf $r.sloTarget 100 }} % availability SLO.
    - alert: FlamingoErrorBudgetBurnFast
      expr: |
        (flamingo:http_error_ratio:rate1h{ {{- $ns }}} > {{ mulf 14.4 $budget | printf "%.6g" }} and flamingo:http_error_ratio:rate5m{ {{- $ns }}} > {{ mulf 14.4 $budget | printf "%.6g" }})
        or
        (flamingo:http_error_ratio:rate6h{ {{- $ns }}} > {{ mulf 6.0 $budget | printf "%.6g" }} and flamingo:http_error_ratio:rate30m{ {{- $ns }}} > {{ mulf 6.0 $budget | printf "%.6g" }})
      labels: {severity: critical}
      annotations:
        summary: 'Flamingo is burning its error budget fast (5xx ratio {{ "{{ $value | humanizePercentage }}" }}).'
        runbook: docs/operations.md#observe
    - alert: FlamingoErrorBudgetBurnSlow
      expr: |
        (flamingo:http_error_ratio:rate1d{ {{- $ns }}} > {{ mulf 3.0 $budget | printf "%.6g" }} and flamingo:http_error_ratio:rate2h{ {{- $ns }}} > {{ mulf 3.0 $budget | printf "%.6g" }})
        or
        (flamingo:http_error_ratio:rate3d{ {{- $ns }}} > {{ printf "%.6g" $budget }} and flamingo:http_error_ratio:rate6h{ {{- $ns }}} > {{ printf "%.6g" $budget }})
      labels: {severity: warning}
      annotations:
        summary: 'Flamingo is burning its error budget (5xx ratio {{ "{{ $value | humanizePercentage }}" }}).'
        runbook: docs/operations.md#observe
    - alert: FlamingoHighLatencyP99
      expr: |
        histogram_quantile(0.99, sum by (le) (rate(flamingo_http_request_duration_seconds_bucket{ {{- $req }}}[5m]))) > {{ $r.latencyP99Seconds }}
      for: 10m
      labels: {severity: warning}
      annotations:
        summary: 'Flamingo p99 latency is {{ "{{ $value | humanizeDuration }}" }} (threshold {{ $r.latencyP99Seconds }}s).'
        runbook: docs/operations.md#observe
- name: flamingo-clicks.alerts
  rules:
    - alert: FlamingoClickStreamLag
      expr: max(flamingo_click_stream_lag{ {{- $ns }}}) > {{ $r.clickLagThreshold }}
      for: 10m
      labels: {severity: warning}
      annotations:
        summary: '{{ "{{ $value }}" }} click events wait in the stream; the worker is falling behind.'
        runbook: docs/operations.md#scale
    - alert: FlamingoClickWorkerStalled
      expr: |
        (sum(rate(flamingo_clicks_enqueued_total{ {{- $ns }}}[10m])) > 0)
        and on()
        (sum(rate(flamingo_clicks_processed_total{ {{- $ns }}}[10m])) or vector(0)) == 0
      for: 10m
      labels: {severity: critical}
      annotations:
        summary: 'Clicks are enqueued but none were processed for 10 minutes.'
        runbook: docs/operations.md#observe
    - alert: FlamingoClicksDropped
      expr: sum(increase(flamingo_clicks_dropped_total{ {{- $ns }}}[15m])) > 0
      labels: {severity: warning}
      annotations:
        summary: '{{ "{{ $value }}" }} click events were dropped in the last 15 minutes.'
        runbook: docs/operations.md#observe
    - alert: FlamingoClicksDeadLettered
      expr: sum(increase(flamingo_clicks_dead_lettered_total{ {{- $ns }}}[15m])) > 0
      labels: {severity: warning}
      annotations:
        summary: '{{ "{{ $value }}" }} click events were refused by MongoDB and parked in the flamingo:clicks:dead stream.'
        runbook: docs/operations.md#observe
- name: flamingo-dependencies.alerts
  rules:
    # Rate limits fail open while their Redis storage errors: abuse protection is weakened.
    - alert: FlamingoRateLimitStorageErrors
      expr: sum(increase(flamingo_ratelimit_storage_errors_total{ {{- $ns }}}[10m])) > 0
      for: 5m
      labels: {severity: warning}
      annotations:
        summary: 'Rate-limit storage (Redis) failed {{ "{{ $value }}" }} times in 10 minutes; limits are per-process only.'
        runbook: docs/operations.md#observe
    - alert: FlamingoDependencyDown
      expr: min by (dependency) (flamingo_dependency_up{ {{- $ns }}}) == 0
      for: 5m
      labels: {severity: critical}
      annotations:
        summary: 'Readiness checks report {{ "{{ $labels.dependency }}" }} unreachable.'
        runbook: docs/operations.md#observe
{{- end }}
