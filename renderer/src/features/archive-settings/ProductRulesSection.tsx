import { useState } from 'react';
import type { ArchiveSettingsView } from '../../../../electron/shared/api/archive-settings';
import { SelectField } from '../../ui/Field';
import { RuleMatrix } from './RuleMatrix';

interface Props {
  view: ArchiveSettingsView;
  canEdit: boolean;
  onSaved(view: ArchiveSettingsView): void;
}

/** Products of the register, and any a rule still names (the product may have left the register). */
function productsOf(view: ArchiveSettingsView): string[] {
  const named = view.rules.map((r) => r.product).filter((p) => p !== '');
  return [...new Set([...view.products, ...named])].sort((a, b) => a.localeCompare(b, 'zh-CN'));
}

/** 按产品调整: one product's own rules, which win over the general ones for its loans. */
export function ProductRulesSection({ view, canEdit, onSaved }: Props) {
  const products = productsOf(view);
  const [product, setProduct] = useState('');
  const chosen = products.includes(product) ? product : '';
  const withRules = new Set(view.rules.map((r) => r.product));

  if (products.length === 0) return <p className="muted">登记簿中还没有贷款产品：导入贷款后可以按产品调整。</p>;
  return (
    <div>
      <div className="as-narrow">
        <SelectField
          label="产品"
          name="product"
          value={chosen}
          onChange={(e) => setProduct(e.target.value)}
          options={[{ value: '', label: '请选择产品' }, ...products.map((p) => ({ value: p, label: withRules.has(p) ? `${p}（已有调整）` : p }))]}
          data-testid="as-product"
        />
      </div>
      {chosen ? (
        <>
          <p className="muted">只对“{chosen}”的贷款生效；未设置的格沿用上面的通用规则。</p>
          <RuleMatrix view={view} product={chosen} canEdit={canEdit} onSaved={onSaved} testId="as-product-rules" />
        </>
      ) : null}
    </div>
  );
}
