"""Pure rules of the counselling module (no Django): retention, consent, referral states."""
