"""Ledger rules in the database itself (PostgreSQL):

* posted transactions and postings are never updated or deleted (trigger raises);
* every transaction balances: a deferred constraint trigger checks at commit
  that the postings of each transaction touched sum to zero.

TRUNCATE stays possible for the database owner (test teardown, full restores).
On SQLite the model layer (AppendOnlyModel) and the services are the guard.
"""

from django.db import migrations

FORWARD = """
CREATE OR REPLACE FUNCTION fund_ledger_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'fund ledger is append-only: % on % refused', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'integrity_constraint_violation';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER fund_ledgertransaction_no_update_delete
  BEFORE UPDATE OR DELETE ON fund_ledgertransaction
  FOR EACH ROW EXECUTE FUNCTION fund_ledger_append_only();
CREATE TRIGGER fund_ledgerposting_no_update_delete
  BEFORE UPDATE OR DELETE ON fund_ledgerposting
  FOR EACH ROW EXECUTE FUNCTION fund_ledger_append_only();

CREATE OR REPLACE FUNCTION fund_ledger_balanced() RETURNS trigger AS $$
DECLARE total bigint;
BEGIN
  SELECT COALESCE(SUM(amount_cents), 0) INTO total
    FROM fund_ledgerposting WHERE transaction_id = NEW.transaction_id;
  IF total <> 0 THEN
    RAISE EXCEPTION 'fund ledger transaction % does not balance (sum %)', NEW.transaction_id, total
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE CONSTRAINT TRIGGER fund_ledgerposting_balanced
  AFTER INSERT ON fund_ledgerposting
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION fund_ledger_balanced();
"""

BACKWARD = """
DROP TRIGGER IF EXISTS fund_ledgerposting_balanced ON fund_ledgerposting;
DROP FUNCTION IF EXISTS fund_ledger_balanced();
DROP TRIGGER IF EXISTS fund_ledgerposting_no_update_delete ON fund_ledgerposting;
DROP TRIGGER IF EXISTS fund_ledgertransaction_no_update_delete ON fund_ledgertransaction;
DROP FUNCTION IF EXISTS fund_ledger_append_only();
"""


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD, params=None)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD, params=None)


class Migration(migrations.Migration):
    dependencies = [("fund", "0001_initial")]
    operations = [migrations.RunPython(forward, backward)]
