/**
 * Small controls of the properties panel: a text box that commits on blur or Enter
 * (one undo step per edit, not per keystroke), a duration editor, a FEEL box with a
 * syntax check, and the section frame.
 */
import { AutoComplete, Input, InputNumber, Select, Space, Typography } from 'antd';
import React, { useEffect, useState } from 'react';
import { feelSyntaxError } from '@/engine/expressions/feel';
import { DURATION_UNITS, durationProblem, readDuration, writeDuration, type DurationValue } from '../model/duration';

/** A titled group of settings. */
export function Section({ title, children, extra }: { title: string; children: React.ReactNode; extra?: React.ReactNode }) {
  return (
    <div className="duban-panel-section">
      <div className="duban-panel-section-title">
        <span>{title}</span>
        {extra}
      </div>
      {children}
    </div>
  );
}

/** A label above a control, with an optional hint below. */
export function Row({ label, hint, children, error }: { label: string; hint?: React.ReactNode; children: React.ReactNode; error?: string | null }) {
  return (
    <div className="duban-panel-row">
      <div className="duban-panel-label">{label}</div>
      {children}
      {error ? <div className="duban-panel-error">{error}</div> : hint ? <div className="duban-panel-hint">{hint}</div> : null}
    </div>
  );
}

/** Text that is written to the diagram when the box loses focus or Enter is pressed. */
export function CommitInput({
  value,
  onCommit,
  placeholder,
  multiline,
  options,
  ariaLabel,
  disabled,
}: {
  value: string | undefined;
  onCommit: (text: string) => void;
  placeholder?: string;
  multiline?: boolean;
  options?: { value: string; label?: React.ReactNode }[];
  ariaLabel?: string;
  disabled?: boolean;
}) {
  const [text, setText] = useState(value ?? '');
  useEffect(() => setText(value ?? ''), [value]);
  const commit = () => {
    if (text !== (value ?? '')) onCommit(text);
  };
  if (options) {
    return (
      <AutoComplete
        value={text}
        options={options}
        onChange={(v) => setText(v)}
        onBlur={commit}
        onSelect={(v: string) => {
          setText(v);
          if (v !== (value ?? '')) onCommit(v);
        }}
        placeholder={placeholder}
        style={{ width: '100%' }}
        aria-label={ariaLabel}
        disabled={disabled}
        filterOption={(input, option) => String(option?.value ?? '').toLowerCase().includes(input.toLowerCase())}
      />
    );
  }
  if (multiline) {
    return (
      <Input.TextArea
        value={text}
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        placeholder={placeholder}
        autoSize={{ minRows: 2, maxRows: 8 }}
        aria-label={ariaLabel}
        disabled={disabled}
      />
    );
  }
  return (
    <Input
      value={text}
      onChange={(e) => setText(e.target.value)}
      onBlur={commit}
      onPressEnter={commit}
      placeholder={placeholder}
      aria-label={ariaLabel}
      disabled={disabled}
    />
  );
}

/** A FEEL expression box (text starting with '='), with its syntax error shown under it. */
export function FeelInput({ value, onCommit, placeholder, ariaLabel, multiline }: { value: string | undefined; onCommit: (text: string) => void; placeholder?: string; ariaLabel?: string; multiline?: boolean }) {
  const error = value && value.trim().startsWith('=') ? feelSyntaxError(value.trim()) : null;
  return (
    <>
      <CommitInput
        value={value}
        onCommit={(t) => {
          const trimmed = t.trim();
          onCommit(trimmed && !trimmed.startsWith('=') ? `=${trimmed}` : trimmed);
        }}
        placeholder={placeholder ?? '=表达式'}
        ariaLabel={ariaLabel}
        multiline={multiline}
      />
      {error && <div className="duban-panel-error">表达式有误：{error}</div>}
    </>
  );
}

type Mode = 'none' | DurationValue['mode'] | `amount:${string}`;

/** Edits a `duban:` duration (办理时限, 预警, 提醒): N 工作日 / 自然日 / 周 / 个月 / 小时, an expression, or another ISO form. */
export function DurationInput({
  value,
  onChange,
  ariaLabel,
  allowExpression = true,
  noneLabel = '不设置',
}: {
  value: string | undefined;
  onChange: (next: string | undefined) => void;
  ariaLabel: string;
  allowExpression?: boolean;
  noneLabel?: string;
}) {
  const parsed = readDuration(value);
  const mode: Mode = parsed.mode === 'amount' ? `amount:${parsed.unit}` : parsed.mode;
  const setMode = (m: Mode) => {
    if (m === 'none') return onChange(undefined);
    if (m.startsWith('amount:')) {
      const amount = parsed.mode === 'amount' ? parsed.amount : 1;
      return onChange(writeDuration({ mode: 'amount', amount, unit: m.slice(7) as never }));
    }
    if (m === 'expression') return onChange(parsed.mode === 'expression' ? parsed.text : '=');
    return onChange(parsed.mode === 'other' ? parsed.text : 'P1D');
  };
  const options = [
    { value: 'none', label: noneLabel },
    ...DURATION_UNITS.map((u) => ({ value: `amount:${u.value}`, label: u.label.replace(/^个/, '') })),
    ...(allowExpression ? [{ value: 'expression', label: '按表达式' }] : []),
    { value: 'other', label: '其他格式' },
  ];
  return (
    <div>
      <Space.Compact style={{ width: '100%' }}>
        {parsed.mode === 'amount' && (
          <InputNumber
            min={0}
            max={3650}
            precision={0}
            value={parsed.amount}
            aria-label={`${ariaLabel}数值`}
            style={{ width: 110 }}
            onChange={(n) => {
              if (typeof n === 'number' && Number.isFinite(n)) onChange(writeDuration({ mode: 'amount', amount: n, unit: parsed.unit }));
            }}
          />
        )}
        <Select
          value={mode}
          options={options}
          onChange={setMode}
          aria-label={`${ariaLabel}单位`}
          style={{ width: parsed.mode === 'amount' ? 'calc(100% - 110px)' : '100%' }}
          popupMatchSelectWidth={false}
        />
      </Space.Compact>
      {(parsed.mode === 'expression' || parsed.mode === 'other') && (
        <div style={{ marginTop: 6 }}>
          {parsed.mode === 'expression' ? (
            <FeelInput value={parsed.text} onCommit={(t) => onChange(t || undefined)} ariaLabel={`${ariaLabel}表达式`} placeholder="=表达式，结果为日期、时长或工作日数" />
          ) : (
            <>
              <CommitInput value={parsed.text} onCommit={(t) => onChange(t.trim() || undefined)} ariaLabel={`${ariaLabel}格式`} placeholder="如 P1DT4H" />
              {durationProblem(parsed.text) && <div className="duban-panel-error">{durationProblem(parsed.text)}</div>}
            </>
          )}
        </div>
      )}
    </div>
  );
}

/** Muted explanatory text. */
export function Hint({ children }: { children: React.ReactNode }) {
  return (
    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
      {children}
    </Typography.Text>
  );
}
