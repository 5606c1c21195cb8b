{{/* Pod templates: one shared skeleton (flamingo.podTemplate) for the backend, the frontend and
     the worker, so security context, spreading, scheduling and annotations are written once; each
     component adds only its container's own part. The Rollout and its Deployment fallback use the
     same template. */}}

{{/* Call with (dict "ctx" $ "component" "backend" "uid" 10001 "serviceAccountName" "…"
     "terminationGracePeriodSeconds" 45 "checksum" "<config text>" "datastoreClient" true
     "container" "<container fields>" "volumes" "<volume list>"). Scheduling, annotations and
     resources come from .Values.<component>. */}}
{{- define "flamingo.podTemplate" -}}
{{- $ctx := .ctx -}}
{{- $v := index $ctx.Values .component -}}
{{- $c := dict "ctx" $ctx "component" .component -}}
metadata:
  labels:
    {{- include "flamingo.componentLabels" $c | nindent 4 }}
    {{- if .datastoreClient }}
    flamingo.company-inc.com/datastore-client: "true"
    {{- end }}
  annotations:
    checksum/config: {{ .checksum | sha256sum }}
    {{- with $v.podAnnotations }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
spec:
  serviceAccountName: {{ .serviceAccountName }}
  # Workload Identity goes through the GKE metadata server; no Kubernetes API token needed.
  automountServiceAccountToken: false
  terminationGracePeriodSeconds: {{ .terminationGracePeriodSeconds }}
  securityContext:
    {{- include "flamingo.podSecurityContext" (dict "uid" .uid) | nindent 4 }}
  {{- if $ctx.Values.image.pullSecrets }}{{ include "flamingo.imagePullSecrets" $ctx | nindent 2 }}{{- end }}
  {{- include "flamingo.topologySpread" $c | nindent 2 }}
  {{- with $v.nodeSelector }}
  nodeSelector:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with $v.tolerations }}
  tolerations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  containers:
    - name: {{ .component }}
      image: {{ .image }}
      imagePullPolicy: {{ $ctx.Values.image.pullPolicy }}
      {{- .container | nindent 6 }}
      securityContext:
        {{- include "flamingo.containerSecurityContext" $ctx | nindent 8 }}
      resources:
        {{- toYaml $v.resources | nindent 8 }}
  volumes:
    {{- .volumes | trim | nindent 4 }}
{{- end }}

{{/* The component's own part of its container (the rest comes from flamingo.podTemplate). */}}
{{- define "flamingo.backend.container" -}}
{{- $p := .Values.backend.probes -}}
ports:
  - name: http
    containerPort: {{ .Values.backend.port }}
    protocol: TCP
envFrom:
  - configMapRef:
      name: {{ include "flamingo.config.name" . }}
env:
  - name: PROMETHEUS_MULTIPROC_DIR
    value: /tmp/prometheus
startupProbe:
  httpGet: {path: /healthz, port: http}
  {{- toYaml $p.startup | nindent 2 }}
livenessProbe:
  httpGet: {path: /healthz, port: http}
  {{- toYaml $p.liveness | nindent 2 }}
readinessProbe:
  httpGet: {path: /readyz, port: http}
  {{- toYaml $p.readiness | nindent 2 }}
lifecycle:
  preStop:
    sleep:
      seconds: {{ .Values.backend.preStopSleepSeconds }}
volumeMounts:
  - {name: tmp, mountPath: /tmp}
  - {name: prometheus-multiproc, mountPath: /tmp/prometheus}
{{- end }}

{{- define "flamingo.backend.podTemplate" -}}
{{- include "flamingo.podTemplate" (dict
  "ctx" . "component" "backend" "uid" 10001 "datastoreClient" true
  "serviceAccountName" (include "flamingo.serviceAccountName" .)
  "terminationGracePeriodSeconds" (include "flamingo.backend.terminationGracePeriodSeconds" .)
  "checksum" (include "flamingo.config.data" .)
  "image" (include "flamingo.backend.image" .)
  "container" (include "flamingo.backend.container" .)
  "volumes" (include "flamingo.emptyDirs" (dict "tmp" "256Mi" "prometheus-multiproc" "64Mi"))) }}
{{- end }}

{{/* The live process: the backend's image, command and config, holding live.maxConnections
     feeds (Server-Sent Events) on threads gunicorn adds for them (flamingo.gunicorn_config). */}}
{{- define "flamingo.live.container" -}}
{{- $p := .Values.live.probes -}}
ports:
  - name: http
    containerPort: {{ .Values.backend.port }}
    protocol: TCP
envFrom:
  - configMapRef:
      name: {{ include "flamingo.config.name" . }}
env:
  - name: PROMETHEUS_MULTIPROC_DIR
    value: /tmp/prometheus
  - name: WEB_CONCURRENCY
    value: {{ .Values.live.workers | quote }}
  - name: GUNICORN_THREADS
    value: "1"
  - name: LIVE_MAX_CONNECTIONS
    value: {{ .Values.live.maxConnections | quote }}
  - name: LIVE_HEARTBEAT_SECONDS
    value: {{ .Values.live.heartbeatSeconds | quote }}
startupProbe:
  httpGet: {path: /healthz, port: http}
  {{- toYaml $p.startup | nindent 2 }}
livenessProbe:
  httpGet: {path: /healthz, port: http}
  {{- toYaml $p.liveness | nindent 2 }}
readinessProbe:
  httpGet: {path: /readyz, port: http}
  {{- toYaml $p.readiness | nindent 2 }}
lifecycle:
  preStop:
    sleep:
      seconds: {{ .Values.backend.preStopSleepSeconds }}
volumeMounts:
  - {name: tmp, mountPath: /tmp}
  - {name: prometheus-multiproc, mountPath: /tmp/prometheus}
{{- end }}

{{- define "flamingo.live.podTemplate" -}}
{{- include "flamingo.podTemplate" (dict
  "ctx" . "component" "live" "uid" 10001 "datastoreClient" true
  "serviceAccountName" (include "flamingo.serviceAccountName" .)
  "terminationGracePeriodSeconds" (include "flamingo.backend.terminationGracePeriodSeconds" .)
  "checksum" (include "flamingo.config.data" .)
  "image" (include "flamingo.backend.image" .)
  "container" (include "flamingo.live.container" .)
  "volumes" (include "flamingo.emptyDirs" (dict "tmp" "128Mi" "prometheus-multiproc" "64Mi"))) }}
{{- end }}

{{- define "flamingo.frontend.container" -}}
{{- $p := .Values.frontend.probes -}}
ports:
  - name: http
    containerPort: {{ .Values.frontend.port }}
    protocol: TCP
env:
  {{- include "flamingo.frontend.env" . | nindent 2 }}
startupProbe:
  httpGet: {path: /nginx-healthz, port: http}
  {{- toYaml $p.startup | nindent 2 }}
livenessProbe:
  httpGet: {path: /nginx-healthz, port: http}
  {{- toYaml $p.liveness | nindent 2 }}
readinessProbe:
  httpGet: {path: /nginx-healthz, port: http}
  {{- toYaml $p.readiness | nindent 2 }}
lifecycle:
  preStop:
    sleep:
      seconds: {{ .Values.frontend.preStopSleepSeconds }}
volumeMounts:
  - {name: tmp, mountPath: /tmp}
{{- end }}

{{- define "flamingo.frontend.podTemplate" -}}
{{- include "flamingo.podTemplate" (dict
  "ctx" . "component" "frontend" "uid" 101 "datastoreClient" false
  "serviceAccountName" (include "flamingo.frontend.serviceAccountName" .)
  "terminationGracePeriodSeconds" .Values.frontend.terminationGracePeriodSeconds
  "checksum" (include "flamingo.frontend.env" .)
  "image" (include "flamingo.frontend.image" .)
  "container" (include "flamingo.frontend.container" .)
  "volumes" (include "flamingo.emptyDirs" (dict "tmp" "128Mi"))) }}
{{- end }}

{{- define "flamingo.frontend.env" -}}
{{/* Nginx looks the backend up through NGINX_RESOLVER again every few seconds (a recreated
     Service or a DNS change is followed), and its resolver uses no search domains: the full
     name. */}}
- name: BACKEND_UPSTREAM
  value: {{ printf "%s.%s.svc.%s:%d" (include "flamingo.backend.fullname" .) .Release.Namespace .Values.clusterDomain (int .Values.backend.port) | quote }}
{{- /* The live feeds' process (the backend when live.enabled is false: it then 307s them to a
     prefix nothing serves, so feeds are off). */}}
- name: LIVE_UPSTREAM
  value: {{ printf "%s.%s.svc.%s:%d" (ternary (include "flamingo.live.fullname" .) (include "flamingo.backend.fullname" .) .Values.live.enabled) .Release.Namespace .Values.clusterDomain (int .Values.backend.port) | quote }}
- name: NGINX_RESOLVER
  value: {{ .Values.frontend.dnsResolver | quote }}
- name: NGINX_PORT
  value: {{ .Values.frontend.port | quote }}
- name: NGINX_BEHIND_TLS
  value: {{ and .Values.ingress.enabled .Values.ingress.httpsRedirect | toString | quote }}
{{- end }}

{{/* Click worker: consumes the Redis click stream and folds events into MongoDB. */}}
{{- define "flamingo.worker.container" -}}
{{- $p := .Values.worker.probes -}}
args: ["flamingo", "worker"]
ports:
  - name: metrics
    containerPort: {{ .Values.worker.metricsPort }}
    protocol: TCP
envFrom:
  - configMapRef:
      name: {{ include "flamingo.config.name" . }}
startupProbe:
  tcpSocket: {port: metrics}
  {{- toYaml $p.startup | nindent 2 }}
livenessProbe:
  # 503 once the click loop has not turned for WORKER_STALL_SECONDS.
  httpGet: {path: /healthz, port: metrics}
  {{- toYaml $p.liveness | nindent 2 }}
readinessProbe:
  httpGet: {path: /metrics, port: metrics}
  {{- toYaml $p.readiness | nindent 2 }}
volumeMounts:
  - {name: tmp, mountPath: /tmp}
{{- end }}

{{- define "flamingo.worker.podTemplate" -}}
{{- include "flamingo.podTemplate" (dict
  "ctx" . "component" "worker" "uid" 10001 "datastoreClient" true
  "serviceAccountName" (include "flamingo.serviceAccountName" .)
  "terminationGracePeriodSeconds" .Values.worker.terminationGracePeriodSeconds
  "checksum" (include "flamingo.config.data" .)
  "image" (include "flamingo.backend.image" .)
  "container" (include "flamingo.worker.container" .)
  "volumes" (include "flamingo.emptyDirs" (dict "tmp" "128Mi"))) }}
{{- end }}

{{/* emptyDir volumes, name -> sizeLimit (sorted by name). */}}
{{- define "flamingo.emptyDirs" -}}
{{- range $name, $size := . }}
- name: {{ $name }}
  emptyDir: {sizeLimit: {{ $size }}}
{{- end }}
{{- end }}
