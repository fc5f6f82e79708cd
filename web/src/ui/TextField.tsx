import { FieldError, Input, Label, Text, TextField as AriaTextField, type TextFieldProps } from "react-aria-components";

type Props = Omit<TextFieldProps, "className" | "children"> & {
  label: string;
  description?: string;
  errorMessage?: string;
  className?: string;
};

/** A labelled text input with an optional description and a validation message. */
export function TextField({ label, description, errorMessage, className, ...rest }: Props) {
  return (
    <AriaTextField {...rest} className={["field", className].filter(Boolean).join(" ")}>
      <Label className="field__label">{label}</Label>
      <Input className="input" />
      {description ? (
        <Text slot="description" className="field__description">
          {description}
        </Text>
      ) : null}
      <FieldError className="field__error">{errorMessage}</FieldError>
    </AriaTextField>
  );
}
