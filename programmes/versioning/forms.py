"""What every versioned plan's forms share: the rules live in the services, which a form
asks so that a broken rule shows next to its field (`programmes.edits.apply_rule`, which every
edit page uses)."""

from programmes.edits import apply_rule as apply_rule
