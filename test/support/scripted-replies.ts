// Moved to scripts/scripted-model/ (shared with `npm run demo`'s offline model); kept so existing imports work.
export * from '../../scripts/scripted-model/replies';
