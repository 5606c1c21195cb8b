// semantic-release configuration (run from the repository root by .gitea/workflows/release.yml and
// by tests/shipping/test_release.py):
//   npx --prefix tools/release semantic-release --extends ./tools/release/release.config.cjs
// The version comes from conventional commits since the last v* tag (none yet: the first feat/fix
// makes 1.0.0; a history without any releasable commit is "no release", exit 0). The chart's
// version and appVersion are bumped, committed with the tag, and pushed; no npm or forge plugin is
// loaded, so the only credential needed is a git remote the job can push to. Plugins are resolved
// from tools/release/node_modules (semantic-release would look in the repository root).
module.exports = {
  branches: ["main"],
  tagFormat: "v${version}",
  plugins: [
    [require.resolve("@semantic-release/commit-analyzer"), { preset: "conventionalcommits" }],
    [require.resolve("@semantic-release/release-notes-generator"), { preset: "conventionalcommits" }],
    [
      require.resolve("@semantic-release/exec"),
      {
        prepareCmd: "node tools/release/bump-chart.mjs ${nextRelease.version}",
        // Hands the version to the next workflow jobs (no-op outside Actions).
        successCmd: 'node tools/release/output.mjs version=${nextRelease.version} released=true',
      },
    ],
    [
      require.resolve("@semantic-release/git"),
      {
        assets: ["charts/flamingo/Chart.yaml"],
        message: "chore(release): ${nextRelease.version} [skip ci]\n\n${nextRelease.notes}",
      },
    ],
  ],
};
