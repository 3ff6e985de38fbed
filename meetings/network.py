"""Network activities: SBST's meetings for the groups of several municipalities."""
