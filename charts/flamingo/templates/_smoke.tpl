{{/* Pod spec running files/smoke_test.py from the backend image (standard library only).
     Call with (dict "ctx" $ "component" "backend" "url" "http://..." "commit" "..."). */}}
{{- define "flamingo.smokeTest.podSpec" -}}
{{- $ctx := .ctx -}}
restartPolicy: Never
serviceAccountName: {{ include "flamingo.frontend.serviceAccountName" $ctx }}
automountServiceAccountToken: false
securityContext:
  {{- include "flamingo.podSecurityContext" (dict "uid" 10001) | nindent 2 }}
{{- if $ctx.Values.image.pullSecrets }}{{ include "flamingo.imagePullSecrets" $ctx | nindent 0 }}{{- end }}
containers:
  - name: smoke-test
    image: {{ include "flamingo.backend.image" $ctx }}
    imagePullPolicy: {{ $ctx.Values.image.pullPolicy }}
    command: ["python", "/smoke/smoke_test.py"]
    args:
      - {{ .component | quote }}
      - --url={{ .url }}
      - --timeout={{ $ctx.Values.rollouts.smokeTest.timeoutSeconds }}
      {{- if .commit }}
      - --expected-commit={{ .commit }}
      {{- end }}
    env:
      - {name: PYTHONDONTWRITEBYTECODE, value: "1"}
    securityContext:
      {{- include "flamingo.containerSecurityContext" $ctx | nindent 6 }}
    resources:
      requests: {cpu: 50m, memory: 64Mi}
      limits: {memory: 64Mi}
    volumeMounts:
      - {name: smoke-test, mountPath: /smoke, readOnly: true}
      - {name: tmp, mountPath: /tmp}
volumes:
  - name: smoke-test
    configMap:
      name: {{ include "flamingo.fullname" $ctx }}-smoke-test
  - name: tmp
    emptyDir: {sizeLimit: 16Mi}
{{- end }}
