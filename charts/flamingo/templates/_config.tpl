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
{{- include "flamingo.config.sso" . }}
{{- include "flamingo.config.invitations" . }}
{{- range $k, $v := .Values.config.extra }}
{{ $k }}: {{ $v | toString | quote }}
{{- end }}
{{- end }}

{{/* Single sign-on: all of issuer, client id and allowed domains, or none (the backend refuses
     to start on half a configuration; the chart says so at render time instead). */}}
{{- define "flamingo.config.sso" -}}
{{- $o := .Values.oidc }}
{{- if $o.issuer }}
{{- if or (not $o.clientId) (not $o.allowedDomains) }}
{{- fail "oidc.issuer needs oidc.clientId and oidc.allowedDomains (e.g. [company-inc.com])" }}
{{- end }}
OIDC_ISSUER: {{ $o.issuer | quote }}
OIDC_CLIENT_ID: {{ $o.clientId | quote }}
OIDC_CLIENT_SECRET: {{ include "flamingo.smRef" (dict "ctx" . "ref" $o.clientSecret) | quote }}
OIDC_ALLOWED_DOMAINS: {{ join "," $o.allowedDomains | quote }}
OIDC_PROVIDER_NAME: {{ $o.providerName | quote }}
{{- else if not $o.passwordLogin }}
{{- fail "oidc.passwordLogin=false needs oidc.issuer (else nobody can sign in)" }}
{{- end }}
PASSWORD_LOGIN: {{ $o.passwordLogin | toString | quote }}
{{- end }}

{{/* Invitations: their lifetime, and SMTP when a host is given (the password from Secret Manager). */}}
{{- define "flamingo.config.invitations" -}}
{{- $i := .Values.invitations }}
INVITATION_TTL_HOURS: {{ $i.ttlHours | quote }}
{{- with $i.smtp }}
{{- if .host }}
SMTP_HOST: {{ .host | quote }}
SMTP_PORT: {{ .port | quote }}
SMTP_FROM: {{ .from | quote }}
SMTP_STARTTLS: {{ .starttls | toString | quote }}
{{- if .username }}
SMTP_USERNAME: {{ .username | quote }}
SMTP_PASSWORD: {{ include "flamingo.smRef" (dict "ctx" $ "ref" .password) | quote }}
{{- end }}
{{- end }}
{{- end }}
{{- end }}
