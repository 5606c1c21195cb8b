{{/* NetworkPolicy peers. */}}
{{- define "flamingo.np.pods" -}}
podSelector:
  matchLabels:
    {{- include "flamingo.componentSelectorLabels" . | nindent 4 }}
{{- end }}
{{- define "flamingo.np.prometheus" -}}
- namespaceSelector:
    matchExpressions:
      - key: kubernetes.io/metadata.name
        operator: In
        values: {{ toJson .Values.networkPolicy.prometheusNamespaces }}
{{- end }}
