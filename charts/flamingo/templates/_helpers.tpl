{{/* Names ------------------------------------------------------------------------------- */}}

{{- define "flamingo.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Release-scoped base name; component suffixes are added by the callers (max 15 chars). */}}
{{- define "flamingo.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 47 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 47 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 47 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "flamingo.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "flamingo.backend.fullname" -}}{{ include "flamingo.fullname" . }}-backend{{- end }}
{{- define "flamingo.backend.previewName" -}}{{ include "flamingo.fullname" . }}-backend-preview{{- end }}
{{- define "flamingo.frontend.fullname" -}}{{ include "flamingo.fullname" . }}-frontend{{- end }}
{{- define "flamingo.frontend.previewName" -}}{{ include "flamingo.fullname" . }}-frontend-preview{{- end }}
{{- define "flamingo.worker.fullname" -}}{{ include "flamingo.fullname" . }}-worker{{- end }}
{{- define "flamingo.live.fullname" -}}{{ include "flamingo.fullname" . }}-live{{- end }}
{{- define "flamingo.config.name" -}}{{ include "flamingo.fullname" . }}-config{{- end }}

{{- define "flamingo.serviceAccountName" -}}
{{- default (include "flamingo.fullname" .) .Values.serviceAccount.name }}
{{- end }}
{{- define "flamingo.frontend.serviceAccountName" -}}
{{- printf "%s-frontend" (include "flamingo.serviceAccountName" .) }}
{{- end }}
{{/* Separate ServiceAccount for hook Jobs: hooks run before the release's own objects exist. */}}
{{- define "flamingo.hooks.serviceAccountName" -}}
{{- printf "%s-hooks" (include "flamingo.serviceAccountName" .) }}
{{- end }}

{{- define "flamingo.gcpServiceAccount" -}}
{{- default (printf "flamingo-backend@%s.iam.gserviceaccount.com" .Values.gcp.projectId) .Values.gcp.serviceAccountEmail }}
{{- end }}

{{/* Labels -------------------------------------------------------------------------------- */}}

{{- define "flamingo.labels" -}}
helm.sh/chart: {{ include "flamingo.chart" . }}
{{ include "flamingo.selectorLabels" . }}
app.kubernetes.io/version: {{ include "flamingo.backend.tag" . | trunc 63 | trimSuffix "-" | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: flamingo
{{- end }}

{{- define "flamingo.selectorLabels" -}}
app.kubernetes.io/name: {{ include "flamingo.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/* Component labels: call with (dict "ctx" $ "component" "backend"). */}}
{{- define "flamingo.componentLabels" -}}
{{ include "flamingo.labels" .ctx }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{- define "flamingo.componentSelectorLabels" -}}
{{ include "flamingo.selectorLabels" .ctx }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{/* Images ------------------------------------------------------------------------------- */}}

{{- define "flamingo.backend.tag" -}}
{{- default .Chart.AppVersion .Values.backend.image.tag }}
{{- end }}

{{/* registry/repository:tag, or registry/repository:tag@sha256:… when a digest is set: the
     runtime then pulls exactly that digest (the tag only documents it), so a re-pushed tag can
     never change what runs. Call with (dict "ctx" $ "image" .Values.backend.image "tag" "…"). */}}
{{- define "flamingo.imageRef" -}}
{{- printf "%s/%s:%s" .ctx.Values.image.registry .image.repository .tag }}
{{- with .image.digest }}@{{ . }}{{ end }}
{{- end }}

{{- define "flamingo.backend.image" -}}
{{- include "flamingo.imageRef" (dict "ctx" . "image" .Values.backend.image "tag" (include "flamingo.backend.tag" .)) }}
{{- end }}

{{- define "flamingo.frontend.image" -}}
{{- include "flamingo.imageRef" (dict "ctx" . "image" .Values.frontend.image "tag" (default .Chart.AppVersion .Values.frontend.image.tag)) }}
{{- end }}

{{- define "flamingo.expectedCommit" -}}
{{- default (include "flamingo.backend.tag" .) .Values.rollouts.smokeTest.expectedCommit }}
{{- end }}

{{/* Configuration ------------------------------------------------------------------------ */}}

{{- define "flamingo.smRef" -}}
{{- $project := default .ctx.Values.gcp.projectId .ctx.Values.secrets.projectId }}
{{- printf "sm://projects/%s/secrets/%s/versions/%s" $project .ref.name (toString .ref.version) }}
{{- end }}

{{- define "flamingo.publicBaseUrl" -}}
{{- default (printf "https://%s" .Values.ingress.host) .Values.config.publicBaseUrl }}
{{- end }}

{{/* Seconds the backend needs to stop cleanly: preStop sleep + drain + gunicorn graceful + 5. */}}
{{- define "flamingo.backend.terminationGracePeriodSeconds" -}}
{{- add .Values.backend.preStopSleepSeconds .Values.backend.drainSeconds .Values.backend.gracefulTimeoutSeconds 5 }}
{{- end }}

{{/* Pod pieces --------------------------------------------------------------------------- */}}

{{- define "flamingo.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: {{ .uid }}
runAsGroup: {{ .uid }}
fsGroup: {{ .uid }}
seccompProfile:
  type: RuntimeDefault
{{- end }}

{{- define "flamingo.containerSecurityContext" -}}
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
privileged: false
runAsNonRoot: true
capabilities:
  drop: ["ALL"]
seccompProfile:
  type: RuntimeDefault
{{- end }}

{{/* Zone (and node) spread per revision: matchLabelKeys ignores keys a pod does not carry,
     so the same spec works for Rollout (rollouts-pod-template-hash) and Deployment pods. */}}
{{- define "flamingo.topologySpread" -}}
{{- if .ctx.Values.topologySpread.enabled -}}
topologySpreadConstraints:
{{- range list "topology.kubernetes.io/zone" "kubernetes.io/hostname" }}
  - maxSkew: 1
    topologyKey: {{ . }}
    whenUnsatisfiable: {{ $.ctx.Values.topologySpread.whenUnsatisfiable }}
    labelSelector:
      matchLabels:
        {{- include "flamingo.componentSelectorLabels" $ | nindent 8 }}
    matchLabelKeys: [pod-template-hash, rollouts-pod-template-hash]
{{- end }}
{{- end }}
{{- end }}

{{- define "flamingo.imagePullSecrets" -}}
imagePullSecrets:
{{- range .Values.image.pullSecrets }}
  - name: {{ . }}
{{- end }}
{{- end }}

{{/* Policy ------------------------------------------------------------------------------- */}}

{{/* The chart's deliberate exceptions to checkov's Kubernetes checks, each with its reason
     (checkov reads checkov.io/skipN annotations on the object it checks; tests/chart/
     test_policy.py runs checkov on every environment's render). Call with a list of check ids. */}}
{{- define "flamingo.checkovSkips" -}}
{{- $reasons := dict
  "CKV_K8S_11" "CPU requests, no CPU limit: Autopilot sizes and bills pods by their requests, and a CPU limit only adds throttling under bursts (memory limits are set)"
  "CKV_K8S_40" "UID 101 is the nginx user of the unprivileged nginx base image, which owns its files"
  "CKV_K8S_8" "a one-shot test pod: there is nothing to restart, its exit code is the verdict"
  "CKV_K8S_9" "a one-shot test pod: no Service sends it traffic" }}
{{- range $i, $id := . }}
checkov.io/skip{{ add1 $i }}: {{ printf "%s=%s" $id (index $reasons $id) | quote }}
{{- end }}
{{- end }}
