{{/* Data of the application ConfigMap (also hashed into pod annotations). */}}
{{- define "flamingo.config.data" -}}
FLAMINGO_ENV: {{ .Values.environment | quote }}
GOOGLE_CLOUD_PROJECT: {{ .Values.gcp.projectId | quote }}
PUBLIC_BASE_URL: {{ include "flamingo.publicBaseUrl" . | quote }}
MONGO_URI: {{ include "flamingo.smRef" (dict "ctx" . "ref" .Values.secrets.mongoUri) | quote }}
MONGO_DB: {{ .Values.config.mongoDb | quote }}
REDIS_URL: {{ include "flamingo.smRef" (dict "ctx" . "ref" .Values.secrets.redisUrl) | quote }}
SECRET_KEY: {{ include "flamingo.smRef" (dict "ctx" . "ref" .Values.secrets.secretKey) | quote }}
LOG_LEVEL: {{ .Values.config.logLevel | quote }}
WEB_CONCURRENCY: {{ .Values.backend.workers | quote }}
GUNICORN_THREADS: {{ .Values.backend.threads | quote }}
PORT: {{ .Values.backend.port | quote }}
GRACEFUL_TIMEOUT: {{ .Values.backend.gracefulTimeoutSeconds | quote }}
SHUTDOWN_DRAIN_SECONDS: {{ .Values.backend.drainSeconds | quote }}
TRUSTED_PROXY_COUNT: {{ .Values.config.trustedProxyCount | quote }}
GEO_HEADER: {{ .Values.config.geoHeader | quote }}
SIGNUP_OPEN: {{ .Values.config.signupOpen | toString | quote }}
WORKER_METRICS_PORT: {{ .Values.worker.metricsPort | quote }}
{{- range $k, $v := .Values.config.extra }}
{{ $k }}: {{ $v | toString | quote }}
{{- end }}
{{- end }}
