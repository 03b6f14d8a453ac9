import { useTranslation } from 'react-i18next';
import { useGates } from '../../stores/index.tsx';

/** A gate's name in the console's language (its id while gates are loading). */
export function useGateName(): (id: string) => string {
  const { i18n } = useTranslation();
  const gates = useGates((s) => s.byId);
  return (id) => {
    const g = gates[id];
    return g ? (i18n.language === 'en' ? g.name.en : g.name.vi) : id;
  };
}
