{{/* Pod templates shared by the Rollout and the Deployment fallback (same spec either way). */}}

{{- define "flamingo.backend.podTemplate" -}}
{{- $c := dict "ctx" . "component" "backend" -}}
metadata:
  labels:
    {{- include "flamingo.componentLabels" $c | nindent 4 }}
    flamingo.company-inc.com/datastore-client: "true"
  annotations:
    checksum/config: {{ include "flamingo.config.data" . | sha256sum }}
    {{- with .Values.backend.podAnnotations }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
spec:
  serviceAccountName: {{ include "flamingo.serviceAccountName" . }}
  # Workload Identity goes through the GKE metadata server; no Kubernetes API token needed.
  automountServiceAccountToken: false
  terminationGracePeriodSeconds: {{ include "flamingo.backend.terminationGracePeriodSeconds" . }}
  securityContext:
    {{- include "flamingo.podSecurityContext" (dict "uid" 10001) | nindent 4 }}
  {{- if .Values.image.pullSecrets }}{{ include "flamingo.imagePullSecrets" . | nindent 2 }}{{- end }}
  {{- include "flamingo.topologySpread" $c | nindent 2 }}
  {{- with .Values.backend.nodeSelector }}
  nodeSelector:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with .Values.backend.tolerations }}
  tolerations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  containers:
    - name: backend
      image: {{ include "flamingo.backend.image" . }}
      imagePullPolicy: {{ .Values.image.pullPolicy }}
      ports:
        - name: http
          containerPort: 8000
          protocol: TCP
      envFrom:
        - configMapRef:
            name: {{ include "flamingo.config.name" . }}
      env:
        - name: PROMETHEUS_MULTIPROC_DIR
          value: /tmp/prometheus
      securityContext:
        {{- include "flamingo.containerSecurityContext" . | nindent 8 }}
      resources:
        {{- toYaml .Values.backend.resources | nindent 8 }}
      startupProbe:
        httpGet: {path: /healthz, port: http}
        periodSeconds: 2
        timeoutSeconds: 2
        failureThreshold: 30
      livenessProbe:
        httpGet: {path: /healthz, port: http}
        periodSeconds: 10
        timeoutSeconds: 3
        failureThreshold: 3
      readinessProbe:
        httpGet: {path: /readyz, port: http}
        periodSeconds: 5
        timeoutSeconds: 3
        failureThreshold: 2
      lifecycle:
        preStop:
          sleep:
            seconds: {{ .Values.backend.preStopSleepSeconds }}
      volumeMounts:
        - {name: tmp, mountPath: /tmp}
        - {name: prometheus-multiproc, mountPath: /tmp/prometheus}
  volumes:
    - name: tmp
      emptyDir: {sizeLimit: 256Mi}
    - name: prometheus-multiproc
      emptyDir: {sizeLimit: 64Mi}
{{- end }}

{{- define "flamingo.frontend.podTemplate" -}}
{{- $c := dict "ctx" . "component" "frontend" -}}
metadata:
  labels:
    {{- include "flamingo.componentLabels" $c | nindent 4 }}
  annotations:
    checksum/config: {{ include "flamingo.frontend.env" . | sha256sum }}
    {{- with .Values.frontend.podAnnotations }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
spec:
  serviceAccountName: {{ include "flamingo.frontend.serviceAccountName" . }}
  automountServiceAccountToken: false
  terminationGracePeriodSeconds: {{ .Values.frontend.terminationGracePeriodSeconds }}
  securityContext:
    {{- include "flamingo.podSecurityContext" (dict "uid" 101) | nindent 4 }}
  {{- if .Values.image.pullSecrets }}{{ include "flamingo.imagePullSecrets" . | nindent 2 }}{{- end }}
  {{- include "flamingo.topologySpread" $c | nindent 2 }}
  {{- with .Values.frontend.nodeSelector }}
  nodeSelector:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with .Values.frontend.tolerations }}
  tolerations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  containers:
    - name: frontend
      image: {{ include "flamingo.frontend.image" . }}
      imagePullPolicy: {{ .Values.image.pullPolicy }}
      ports:
        - name: http
          containerPort: 8080
          protocol: TCP
      env:
        {{- include "flamingo.frontend.env" . | nindent 8 }}
      securityContext:
        {{- include "flamingo.containerSecurityContext" . | nindent 8 }}
      resources:
        {{- toYaml .Values.frontend.resources | nindent 8 }}
      startupProbe:
        httpGet: {path: /nginx-healthz, port: http}
        periodSeconds: 2
        timeoutSeconds: 2
        failureThreshold: 15
      livenessProbe:
        httpGet: {path: /nginx-healthz, port: http}
        periodSeconds: 10
        timeoutSeconds: 3
        failureThreshold: 3
      readinessProbe:
        httpGet: {path: /nginx-healthz, port: http}
        periodSeconds: 5
        timeoutSeconds: 3
        failureThreshold: 2
      lifecycle:
        preStop:
          sleep:
            seconds: {{ .Values.frontend.preStopSleepSeconds }}
      volumeMounts:
        - {name: tmp, mountPath: /tmp}
  volumes:
    - name: tmp
      emptyDir: {sizeLimit: 128Mi}
{{- end }}

{{- define "flamingo.frontend.env" -}}
- name: BACKEND_UPSTREAM
  value: {{ printf "%s:8000" (include "flamingo.backend.fullname" .) | quote }}
- name: NGINX_BEHIND_TLS
  value: {{ and .Values.ingress.enabled .Values.ingress.httpsRedirect | toString | quote }}
{{- end }}
