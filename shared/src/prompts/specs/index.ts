/** Imports every prompt file; each one registers its PromptSpec as it loads. */
import './audit-spec-audit';
import './audit-cross-spec-audit';
import './audit-spec-fixer';
import './audit-interface-inference';
import './audit-project-brief';
import './audit-spec-brief';
import './audit-plan-initial';
import './audit-plan-replan';
import './build-implementer';
import './build-fixer';
import './build-interface-extraction';
import './build-reviewer';
