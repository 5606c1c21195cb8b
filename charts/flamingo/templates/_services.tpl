{{/* A ClusterIP Service exposed to the GKE load balancer through a NEG.
     Call with (dict "ctx" $ "component" "backend" "name" "..." "port" .Values.backend.port "edge" true). */}}
{{- define "flamingo.service" -}}
apiVersion: v1
kind: Service
metadata:
  name: {{ .name }}
  namespace: {{ .ctx.Release.Namespace }}
  labels:
    {{- include "flamingo.componentLabels" . | nindent 4 }}
  {{- if and .edge .ctx.Values.ingress.enabled }}
  annotations:
    # Container-native load balancing: the load balancer sends traffic straight to pod IPs.
    cloud.google.com/neg: '{"ingress": true}'
    cloud.google.com/backend-config: '{"default": "{{ include "flamingo.fullname" .ctx }}-{{ .component }}"}'
  {{- end }}
spec:
  type: ClusterIP
  # Argo Rollouts adds rollouts-pod-template-hash to this selector (active / preview stack).
  selector:
    {{- include "flamingo.componentSelectorLabels" . | nindent 4 }}
  ports:
    - name: http
      port: {{ .port }}
      targetPort: http
      protocol: TCP
{{- end }}

{{/* Headless Service listing every pod of a component (all revisions) for metric scraping. */}}
{{- define "flamingo.metricsService" -}}
apiVersion: v1
kind: Service
metadata:
  name: {{ .name }}
  namespace: {{ .ctx.Release.Namespace }}
  labels:
    {{- include "flamingo.componentLabels" . | nindent 4 }}
    flamingo.company-inc.com/metrics: "true"
spec:
  clusterIP: None
  selector:
    {{- include "flamingo.componentSelectorLabels" . | nindent 4 }}
  ports:
    - name: metrics
      port: {{ .port }}
      targetPort: {{ .port }}
      protocol: TCP
{{- end }}
