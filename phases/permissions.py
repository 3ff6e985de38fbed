"""Who may move a programme from one phase to the next, and adjust a cohort's windows."""


def can_move_programme(user, programme) -> bool:
    """The programme's SBST consultant (any consultant while it has none) and SBST's
    administrators."""
    if not (user.is_authenticated and user.is_sbst):
        return False
    return user.is_sbst_admin or programme.primary_contact_id in (None, user.pk)


def can_adjust_windows(user) -> bool:
    return user.is_authenticated and user.is_sbst_admin
