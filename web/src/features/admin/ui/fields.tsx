import { type ReactNode, useEffect, useRef } from "react";
import {
  Button as AriaButton,
  Checkbox as AriaCheckbox,
  CheckboxGroup,
  Dialog,
  FieldError,
  Heading,
  Input,
  Label,
  ListBox,
  ListBoxItem,
  Modal,
  ModalOverlay,
  NumberField as AriaNumberField,
  Popover,
  Radio,
  RadioGroup,
  Select,
  SelectValue,
  Switch,
  Text,
  TextArea,
  TextField,
} from "react-aria-components";
import { useTranslation } from "react-i18next";
import { Button } from "../../../ui/Button.js";
import { InlineAlert } from "../../../ui/InlineAlert.js";

/**
 * Form controls of the settings screens, on react-aria: labels, descriptions and error messages are wired to the
 * control (aria-describedby, aria-invalid) by react-aria itself; `errorMessage` shows only when given.
 */

type Option = { value: string; label: string };

function Check({ isSelected }: { isSelected: boolean }) {
  return (
    <span className="checkbox__box" aria-hidden="true">
      {isSelected ? "✓" : ""}
    </span>
  );
}

/** One checkbox with its label and an optional description under it. */
export function CheckboxField({
  children,
  isSelected,
  onChange,
  description,
  isDisabled,
  "aria-label": ariaLabel,
}: {
  children: ReactNode;
  isSelected: boolean;
  onChange: (v: boolean) => void;
  description?: string;
  isDisabled?: boolean;
  "aria-label"?: string;
}) {
  return (
    <div className="field">
      <AriaCheckbox className="checkbox" isSelected={isSelected} onChange={onChange} isDisabled={isDisabled} aria-label={ariaLabel}>
        {({ isSelected: sel }) => (
          <>
            <Check isSelected={sel} />
            <span>{children}</span>
          </>
        )}
      </AriaCheckbox>
      {description ? <p className="field__description checkbox__description">{description}</p> : null}
    </div>
  );
}

/** A labelled group of checkboxes (a multi-select that is plain to read with a screen reader). */
export function CheckboxGroupField({
  label,
  options,
  value,
  onChange,
  description,
  errorMessage,
  isDisabled,
  emptyText,
  scroll,
}: {
  label: string;
  options: Option[];
  value: string[];
  onChange: (v: string[]) => void;
  description?: string;
  errorMessage?: string;
  isDisabled?: boolean;
  emptyText?: string;
  /** long lists (staff) scroll inside a box */
  scroll?: boolean;
}) {
  return (
    <CheckboxGroup className="field checkgroup" value={value} onChange={onChange} isDisabled={isDisabled} isInvalid={Boolean(errorMessage)} validationBehavior="aria">
      <Label className="field__label">{label}</Label>
      {description ? (
        <Text slot="description" className="field__description">
          {description}
        </Text>
      ) : null}
      <div className={scroll ? "checkgroup__options checkgroup__options--scroll" : "checkgroup__options"}>
        {options.length === 0 && emptyText ? <p className="muted">{emptyText}</p> : null}
        {options.map((o) => (
          <AriaCheckbox key={o.value} value={o.value} className="checkbox">
            {({ isSelected }) => (
              <>
                <Check isSelected={isSelected} />
                <span>{o.label}</span>
              </>
            )}
          </AriaCheckbox>
        ))}
      </div>
      <FieldError className="field__error">{errorMessage}</FieldError>
    </CheckboxGroup>
  );
}

/** An on/off switch; the label says what is on. */
export function SwitchField({ children, isSelected, onChange, isDisabled }: { children: ReactNode; isSelected: boolean; onChange: (v: boolean) => void; isDisabled?: boolean }) {
  return (
    <Switch className="switch" isSelected={isSelected} onChange={onChange} isDisabled={isDisabled}>
      <span className="switch__track" aria-hidden="true">
        <span className="switch__thumb" />
      </span>
      <span className="switch__label">{children}</span>
    </Switch>
  );
}

/** A labelled radio group. */
export function RadioGroupField({
  label,
  options,
  value,
  onChange,
  description,
  errorMessage,
  isDisabled,
  orientation = "vertical",
}: {
  label: string;
  options: Option[];
  value: string;
  onChange: (v: string) => void;
  description?: string;
  errorMessage?: string;
  isDisabled?: boolean;
  orientation?: "vertical" | "horizontal";
}) {
  return (
    <RadioGroup
      className="field radiogroup"
      value={value}
      onChange={onChange}
      isDisabled={isDisabled}
      orientation={orientation}
      isInvalid={Boolean(errorMessage)}
      validationBehavior="aria"
    >
      <Label className="field__label">{label}</Label>
      {description ? (
        <Text slot="description" className="field__description">
          {description}
        </Text>
      ) : null}
      <div className={`radiogroup__options radiogroup__options--${orientation}`}>
        {options.map((o) => (
          <Radio key={o.value} value={o.value} className="radio">
            <span className="radio__dot" aria-hidden="true" />
            <span>{o.label}</span>
          </Radio>
        ))}
      </div>
      <FieldError className="field__error">{errorMessage}</FieldError>
    </RadioGroup>
  );
}

/** A labelled multi-line text field. */
export function TextAreaField({
  label,
  value,
  onChange,
  description,
  errorMessage,
  rows = 4,
  isDisabled,
  isRequired,
  name,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  description?: string;
  errorMessage?: string;
  rows?: number;
  isDisabled?: boolean;
  isRequired?: boolean;
  name?: string;
}) {
  return (
    <TextField
      className="field"
      value={value}
      onChange={onChange}
      isDisabled={isDisabled}
      isRequired={isRequired}
      isInvalid={Boolean(errorMessage)}
      validationBehavior="aria"
      name={name}
    >
      <Label className="field__label">{label}</Label>
      <TextArea className="input settings__textarea" rows={rows} />
      {description ? (
        <Text slot="description" className="field__description">
          {description}
        </Text>
      ) : null}
      <FieldError className="field__error">{errorMessage}</FieldError>
    </TextField>
  );
}

/** A labelled text input of any HTML type (text, time, date, datetime-local…). */
export function InputField({
  label,
  value,
  onChange,
  type = "text",
  description,
  errorMessage,
  isDisabled,
  isRequired,
  className,
  name,
  "aria-label": ariaLabel,
}: {
  label?: string;
  value: string;
  onChange: (v: string) => void;
  type?: string;
  description?: string;
  errorMessage?: string;
  isDisabled?: boolean;
  isRequired?: boolean;
  className?: string;
  name?: string;
  "aria-label"?: string;
}) {
  return (
    <TextField
      className={["field", className].filter(Boolean).join(" ")}
      value={value}
      onChange={onChange}
      type={type}
      isDisabled={isDisabled}
      isRequired={isRequired}
      isInvalid={Boolean(errorMessage)}
      validationBehavior="aria"
      name={name}
      aria-label={ariaLabel}
    >
      {label ? <Label className="field__label">{label}</Label> : null}
      <Input className="input" />
      {description ? (
        <Text slot="description" className="field__description">
          {description}
        </Text>
      ) : null}
      <FieldError className="field__error">{errorMessage}</FieldError>
    </TextField>
  );
}

/** A labelled number input; an empty field is null. */
export function NumberInputField({
  label,
  value,
  onChange,
  minValue,
  maxValue,
  step,
  description,
  errorMessage,
  isDisabled,
  className,
}: {
  label: string;
  value: number | null;
  onChange: (v: number | null) => void;
  minValue?: number;
  maxValue?: number;
  step?: number;
  description?: string;
  errorMessage?: string;
  isDisabled?: boolean;
  className?: string;
}) {
  const { i18n } = useTranslation();
  return (
    <AriaNumberField
      className={["field", className].filter(Boolean).join(" ")}
      value={value ?? Number.NaN}
      onChange={(v) => onChange(Number.isNaN(v) ? null : v)}
      minValue={minValue}
      maxValue={maxValue}
      step={step}
      isDisabled={isDisabled}
      isInvalid={Boolean(errorMessage)}
      validationBehavior="aria"
      formatOptions={{ maximumFractionDigits: 2, useGrouping: false }}
      lang={i18n.language}
    >
      <Label className="field__label">{label}</Label>
      <Input className="input settings__number" />
      {description ? (
        <Text slot="description" className="field__description">
          {description}
        </Text>
      ) : null}
      <FieldError className="field__error">{errorMessage}</FieldError>
    </AriaNumberField>
  );
}

/**
 * A group of controls with a visible legend (a fieldset). An error for the group as a whole is shown under the
 * legend and linked to the group with aria-describedby.
 */
export function Fieldset({
  legend,
  children,
  description,
  errorMessage,
  className,
  id,
}: {
  legend: ReactNode;
  children: ReactNode;
  description?: string;
  errorMessage?: string;
  className?: string;
  id: string;
}) {
  const describedBy = [description ? `${id}-desc` : null, errorMessage ? `${id}-err` : null].filter(Boolean).join(" ") || undefined;
  return (
    <fieldset className={["settings__fieldset", className].filter(Boolean).join(" ")} aria-describedby={describedBy} aria-invalid={errorMessage ? true : undefined} id={id}>
      <legend className="settings__legend">{legend}</legend>
      {description ? (
        <p className="field__description" id={`${id}-desc`}>
          {description}
        </p>
      ) : null}
      {errorMessage ? (
        <p className="field__error" id={`${id}-err`}>
          {errorMessage}
        </p>
      ) : null}
      {children}
    </fieldset>
  );
}

/** "Fix these problems" at the top of a form, focused after a failed submit so the count is read first. */
export function ErrorSummary({ items, focusKey }: { items: string[]; focusKey: number }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (focusKey > 0) ref.current?.focus();
  }, [focusKey]);
  if (items.length === 0) return null;
  return (
    <div ref={ref} tabIndex={-1} className="settings__summary">
      <InlineAlert tone="error" title={t("admin.form.summary", { count: items.length })}>
        <ul className="settings__summary-list">
          {items.map((m, i) => (
            <li key={i}>{m}</li>
          ))}
        </ul>
      </InlineAlert>
    </div>
  );
}

/** A modal asking to confirm a destructive action; Escape or Cancel closes it. */
export function ConfirmDialog({
  isOpen,
  onOpenChange,
  title,
  children,
  confirmLabel,
  onConfirm,
  isPending,
  error,
}: {
  isOpen: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  isPending?: boolean;
  error?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <ModalOverlay className="modal-overlay" isOpen={isOpen} onOpenChange={onOpenChange} isDismissable>
      <Modal className="modal">
        <Dialog className="dialog" role="alertdialog">
          {({ close }) => (
            <>
              <Heading slot="title" className="dialog__title">
                {title}
              </Heading>
              <div className="dialog__body">{children}</div>
              {error}
              <div className="dialog__actions">
                <Button variant="secondary" onPress={close} autoFocus>
                  {t("admin.common.cancel")}
                </Button>
                <Button variant="danger" onPress={onConfirm} isDisabled={isPending}>
                  {confirmLabel}
                </Button>
              </div>
            </>
          )}
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}

const EMPTY_KEY = "__empty__";

/**
 * The shared SelectField with an error message slot (react-aria links it to the trigger): same markup and classes.
 * "" is the empty choice, shown as `emptyLabel`.
 */
export function PickerField({
  label,
  options,
  value,
  onChange,
  emptyLabel,
  description,
  errorMessage,
  isDisabled,
  className,
}: {
  label: string;
  options: Option[];
  value: string;
  onChange: (v: string) => void;
  emptyLabel?: string;
  description?: string;
  errorMessage?: string;
  isDisabled?: boolean;
  className?: string;
}) {
  const items = emptyLabel !== undefined ? [{ value: EMPTY_KEY, label: emptyLabel }, ...options] : options;
  const selected = value === "" ? (emptyLabel !== undefined ? EMPTY_KEY : null) : value;
  return (
    <Select
      className={["field", "select", className].filter(Boolean).join(" ")}
      value={selected}
      onChange={(key) => {
        const v = key === null || key === EMPTY_KEY ? "" : String(key);
        if (v !== value) onChange(v);
      }}
      isDisabled={isDisabled}
      isInvalid={Boolean(errorMessage)}
      validationBehavior="aria"
    >
      <Label className="field__label">{label}</Label>
      <AriaButton className="select__trigger">
        <SelectValue className="select__value" />
        <span className="select__chevron" aria-hidden="true">
          ▾
        </span>
      </AriaButton>
      {description ? (
        <Text slot="description" className="field__description">
          {description}
        </Text>
      ) : null}
      <FieldError className="field__error">{errorMessage}</FieldError>
      <Popover className="popover" offset={4}>
        <ListBox className="listbox" items={items}>
          {(item) => (
            <ListBoxItem id={item.value} className="listbox__item" textValue={item.label}>
              {item.label}
            </ListBoxItem>
          )}
        </ListBox>
      </Popover>
    </Select>
  );
}
