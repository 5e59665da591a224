-- 首谈报备: the facts a registration was made with (who, for which investor and project, by which
-- unit, when, with what evidence) are immutable once written (domain.md §6). Only its workflow
-- columns move: status, the linked project and investor, and the protection period. Refused at the
-- database level, whatever code path or console session tries; deleting a registration likewise.
CREATE FUNCTION referral_facts_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'referrals are never deleted (withdraw them instead)';
  END IF;
  IF (NEW.investor_name, NEW.investor_name_norm, NEW.uscc, NEW.project_intent, NEW.intended_amount, NEW.industry_code,
      NEW.referrer_name, NEW.referrer_kind, NEW.referrer_phone, NEW.referrer_user_id, NEW.unit_id, NEW.registered_by,
      NEW.registered_at, NEW.evidence_file_ids, NEW.note, NEW.is_demo)
     IS DISTINCT FROM
     (OLD.investor_name, OLD.investor_name_norm, OLD.uscc, OLD.project_intent, OLD.intended_amount, OLD.industry_code,
      OLD.referrer_name, OLD.referrer_kind, OLD.referrer_phone, OLD.referrer_user_id, OLD.unit_id, OLD.registered_by,
      OLD.registered_at, OLD.evidence_file_ids, OLD.note, OLD.is_demo) THEN
    RAISE EXCEPTION 'the original facts of referral % are immutable', OLD.id;
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER referrals_facts_immutable BEFORE UPDATE OR DELETE ON referrals
  FOR EACH ROW EXECUTE FUNCTION referral_facts_immutable();
