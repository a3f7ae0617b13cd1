import "./styles.css";
import { language } from "./i18n/i18n";
import "./app";

document.documentElement.lang = language();
