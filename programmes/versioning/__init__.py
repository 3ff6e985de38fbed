"""The versioned plan: a draft that a programme's groups write, the steering group's approval
of it as the next numbered version that never changes again, and the differences between two
versions (or a version and the draft) told in words.

The development plan (`plans`) and the anchoring plan (`anchoring`) are both built on it. A
plan kind brings what only it knows: its draft model (a `models.VersionedDraft`), its version
model (a `models.ApprovedVersion` whose `plan` has `related_name="versions"`), a `snapshot` of
the draft as JSON-able facts, a `diff` of two snapshots in sentences, what its approval needs,
and its pages. This package brings the rest, in the layers an app has: `models`, `content`
(reading a snapshot, comparing two), `services`, `selectors`, `forms`, `views`; the shared
page parts are in `templates/versioning/`.
"""
