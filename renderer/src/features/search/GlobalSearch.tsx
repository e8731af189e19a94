import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { SEARCH_MAX_LENGTH, type SearchHit } from '../../../../electron/shared/api/register';
import { formatYuan } from '../../../../electron/shared/money';
import { call } from '../../api/client';
import { useSession } from '../../session/session';
import { errorMessage } from '../../ui/errors';
import { useHouseholdPanel } from '../household/household-context';

// Long enough to skip the letters of a word typed at speed, short enough not to be felt (an answer takes a few ms).
const DEBOUNCE_MS = 120;
const LIMIT = 20;

type Result = { q: string; hits: SearchHit[] } | { q: string; error: string };

/**
 * The header's search box: name, pinyin initials (zsf → 张三丰), ID, phone or loan number
 * (register.search); choosing a hit opens that household's panel over the current page.
 */
export function GlobalSearch() {
  const { handleSessionError } = useSession();
  const panel = useHouseholdPanel();
  const [q, setQ] = useState('');
  const [open, setOpen] = useState(false);
  const [result, setResult] = useState<Result | null>(null);
  const [active, setActive] = useState(0);
  const seq = useRef(0);
  const inputRef = useRef<HTMLInputElement>(null);
  const listId = useId();
  const query = q.trim();

  useEffect(() => {
    if (!query) return;
    const id = ++seq.current;
    const timer = setTimeout(() => {
      call('register.search', { q: query, limit: LIMIT })
        .then((hits) => {
          if (id !== seq.current) return;
          setResult({ q: query, hits });
          setActive(0);
        })
        .catch((err: unknown) => {
          if (id !== seq.current || handleSessionError(err)) return;
          setResult({ q: query, error: errorMessage(err) });
        });
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [query, handleSessionError]);

  const current = result && result.q === query ? result : null;
  const hits = current && 'hits' in current ? current.hits : [];
  const showList = open && query !== '';

  function choose(hit: SearchHit) {
    panel.open(hit.borrowerId);
    setOpen(false);
    setQ('');
    inputRef.current?.blur();
  }

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === 'ArrowDown' && hits.length > 0) {
      e.preventDefault();
      setOpen(true);
      setActive((a) => (a + 1) % hits.length);
    } else if (e.key === 'ArrowUp' && hits.length > 0) {
      e.preventDefault();
      setActive((a) => (a - 1 + hits.length) % hits.length);
    } else if (e.key === 'Enter' && showList && hits[active]) {
      e.preventDefault();
      choose(hits[active]);
    } else if (e.key === 'Escape') {
      // Close the list only, not the household panel behind it.
      e.stopPropagation();
      if (showList) setOpen(false);
      else setQ('');
    }
  }

  return (
    <div className="global-search">
      <input
        ref={inputRef}
        type="search"
        role="combobox"
        aria-label="搜索借款人"
        aria-expanded={showList}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={showList && hits[active] ? `${listId}-${active}` : undefined}
        data-testid="global-search"
        placeholder="搜索借款人：姓名、拼音首字母、身份证号、电话、借据号"
        maxLength={SEARCH_MAX_LENGTH}
        value={q}
        onChange={(e) => {
          setQ(e.target.value);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
        autoComplete="off"
        spellCheck={false}
      />
      {showList ? (
        // mousedown would blur the input (closing the list) before the click lands.
        <div className="search-dropdown" onMouseDown={(e) => e.preventDefault()}>
          {!current ? <div className="search-note">正在搜索…</div> : null}
          {current && 'error' in current ? (
            <div className="search-note text-danger" role="alert">
              {current.error}
            </div>
          ) : null}
          {current && 'hits' in current && hits.length === 0 ? <div className="search-note">没有找到“{query}”</div> : null}
          <ul id={listId} role="listbox" aria-label="搜索结果" className="search-hits">
            {hits.map((h, i) => (
              <li
                key={h.borrowerId}
                id={`${listId}-${i}`}
                role="option"
                aria-selected={i === active}
                className={i === active ? 'search-hit search-hit-active' : 'search-hit'}
                data-testid="search-hit"
                onMouseEnter={() => setActive(i)}
                onClick={() => choose(h)}
              >
                <div className="search-hit-main">
                  <strong>{h.name}</strong>
                  <span className="mono muted">{h.residentIdMasked}</span>
                  <span className="search-hit-place">{[h.township, h.village].filter(Boolean).join(' ') || '未归村'}</span>
                </div>
                <div className="search-hit-sub">
                  <span className="mono">{h.phones || '无电话'}</span>
                  <span>
                    在贷 {h.loans} 笔 · 余额 {formatYuan(h.balanceFen)} 元
                  </span>
                </div>
              </li>
            ))}
          </ul>
          {hits.length >= LIMIT ? <div className="search-note">仅显示前 {LIMIT} 条，请输入更多内容缩小范围。</div> : null}
        </div>
      ) : null}
    </div>
  );
}
