import type { Key } from "react-aria-components";
import { Button, Label, ListBox, ListBoxItem, Popover, Select, SelectValue, Text } from "react-aria-components";

export type SelectOption = { value: string; label: string };

type Props = {
  label: string;
  options: SelectOption[];
  /** "" is the empty choice, shown as `emptyLabel` when given. */
  value: string;
  onChange: (value: string) => void;
  emptyLabel?: string;
  description?: string;
  isDisabled?: boolean;
  className?: string;
};

const EMPTY_KEY = "__empty__";

/** A labelled single-choice picker (react-aria Select: listbox popover, typeahead, keyboard). */
export function SelectField({ label, options, value, onChange, emptyLabel, description, isDisabled, className }: Props) {
  const items = emptyLabel !== undefined ? [{ value: EMPTY_KEY, label: emptyLabel }, ...options] : options;
  const selected = value === "" ? (emptyLabel !== undefined ? EMPTY_KEY : null) : value;
  return (
    <Select
      className={["field", "select", className].filter(Boolean).join(" ")}
      value={selected}
      onChange={(key: Key | null) => {
        const v = key === null || key === EMPTY_KEY ? "" : String(key);
        if (v !== value) onChange(v);
      }}
      isDisabled={isDisabled}
    >
      <Label className="field__label">{label}</Label>
      <Button className="select__trigger">
        <SelectValue className="select__value" />
        <span className="select__chevron" aria-hidden="true">
          ▾
        </span>
      </Button>
      {description ? (
        <Text slot="description" className="field__description">
          {description}
        </Text>
      ) : null}
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
