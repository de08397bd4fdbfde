// The clinic's answers as shipped: the initial version of each, in the clinic's own words from its
// page (source/tms-for-chronic-pain.txt, the source of record), in English and Spanish. Each answer
// cites the passages it rests on, verbatim; faq.test.ts holds every citation to the page. Claims a
// coordinator must not repeat as fact are kept only with `needsClinicianApproval`, and the panel
// never shows them as the clinic's answer until a clinician approves.
import type { ScriptLanguage } from "../language/language.ts";

export interface FaqText {
  question: string;
  answer: string;
}

export interface FaqEntry {
  /** Stable id: versions and edits refer to it. */
  id: string;
  text: Record<ScriptLanguage, FaqText>;
  /** Passages of the clinic's page the answer comes from, verbatim. */
  cites: readonly string[];
  /** A claim no coordinator may state as fact until a clinician approves it. */
  needsClinicianApproval: boolean;
  /** Spanish wording a native speaker should check before callers hear it. */
  esReview?: string;
}

export const FAQ_CONTENT: readonly FaqEntry[] = [
  {
    id: "what-is-chronic-pain",
    text: {
      en: {
        question: "What is chronic pain?",
        answer:
          "Chronic pain is pain that lasts longer than three months, even after the original cause has healed. It can be mild or severe. For some people it is there every day; for others it comes and goes.",
      },
      es: {
        question: "¿Qué es el dolor crónico?",
        answer:
          "El dolor crónico es un dolor que dura más de tres meses, aunque ya haya sanado lo que lo causó. Puede ser leve o fuerte. Algunas personas lo sienten todos los días; otras, solo de vez en cuando.",
      },
    },
    cites: [
      "Chronic pain is defined as pain that lasts longer than three months, even after the original cause of the pain has healed.",
      "It can be anywhere from mild to severe. It is a daily pain for some people, while for others, it can come and go.",
    ],
    needsClinicianApproval: false,
  },
  {
    id: "what-is-tms",
    text: {
      en: {
        question: "What is TMS?",
        answer:
          "TMS means transcranial magnetic stimulation, also called rTMS (repetitive TMS). It is a therapy that uses neurostimulation to help healing in the brain. It could help people who still have pain after trying other treatments.",
      },
      es: {
        question: "¿Qué es la TMS?",
        answer:
          "TMS quiere decir estimulación magnética transcraneal; también se le llama rTMS (TMS repetitiva). Es una terapia que estimula los nervios del cerebro para ayudarle a sanar. Podría ayudar a personas que siguen con dolor después de probar otros tratamientos.",
      },
    },
    cites: [
      "Also called TMS treatment or rTMS (for repetitive TMS) is a form of therapy that uses neurostimulation to help facilitate healing in the brain.",
      "TMS for pain relief could help those who still experience pain even after trying other treatments.",
    ],
    needsClinicianApproval: false,
    esReview: '"estimula los nervios del cerebro" for "neurostimulation": check it sounds natural and is not misleading.',
  },
  {
    id: "how-tms-helps",
    text: {
      en: {
        question: "How can TMS help with chronic pain?",
        answer:
          "The only FDA-approved use of TMS today is for depression and suicidal thoughts. Research suggests it can also be used to manage chronic pain. TMS can change the activity of networks in the brain to lower how much pain is felt.",
      },
      es: {
        question: "¿Cómo puede ayudar la TMS con el dolor crónico?",
        answer:
          "Hoy, la FDA solo aprueba la TMS para la depresión y los pensamientos suicidas. Los estudios indican que también se puede usar para controlar el dolor crónico. La TMS puede cambiar la actividad de ciertas redes del cerebro para que se sienta menos dolor.",
      },
    },
    cites: [
      "Currently, the only FDA-approved use for transcranial magnetic stimulation is for depression and suicide ideation. However, research suggests that it can be used for chronic pain management as well.",
      "TMS for pain can change the activity of neural networks within the brain to decrease the perception of pain.",
    ],
    needsClinicianApproval: false,
  },
  {
    id: "what-to-expect",
    text: {
      en: {
        question: "What can I expect from TMS therapy?",
        answer:
          'TMS is for people whose other treatments have not worked, and it can give some help. Sessions and timing are under "How long is the therapy?".',
      },
      es: {
        question: "¿Qué puedo esperar de la terapia TMS?",
        answer:
          'La TMS es para personas a quienes otros tratamientos no les han funcionado, y puede darles algo de alivio. Las sesiones y los tiempos están en "¿Cuánto dura la terapia?".',
      },
    },
    cites: ["For those whose alternative treatments have failed, TMS for pain can provide some help."],
    needsClinicianApproval: false,
  },
  {
    id: "how-long",
    text: {
      en: {
        question: "How long is the therapy?",
        answer:
          "Most people have between 25 and 30 sessions, depending on their needs. Each session takes about 30 to 40 minutes. Many start to see improvements in the first couple of weeks, depending on how severe the pain is and what kind it is.",
      },
      es: {
        question: "¿Cuánto dura la terapia?",
        answer:
          "La mayoría de las personas tienen entre 25 y 30 sesiones, según lo que necesiten. Cada sesión dura de 30 a 40 minutos, más o menos. Muchas personas empiezan a notar mejoría en las primeras dos o tres semanas, según qué tan fuerte sea el dolor y de qué tipo sea.",
      },
    },
    cites: [
      "The average person using TMS for pain has somewhere between 25-30 sessions, depending on their unique needs. Each TMS treatment takes about 30-40 minutes.",
      "Many start to see improvements in the first couple of weeks, depending on the severity and type of pain.",
    ],
    needsClinicianApproval: false,
    esReview: '"las primeras dos o tres semanas" for "the first couple of weeks".',
  },
  {
    id: "how-to-prepare",
    text: {
      en: {
        question: "How do I prepare for TMS?",
        answer: "Before starting you will need a physical exam and some lab tests. You will also need a psychiatric evaluation.",
      },
      es: {
        question: "¿Cómo me preparo para la TMS?",
        answer: "Antes de empezar, necesitará un examen físico y algunos análisis de laboratorio. También necesitará una evaluación psiquiátrica.",
      },
    },
    cites: ["you will need to complete a physical exam, as well as other lab tests. In addition, you will also need a psychiatric evaluation."],
    needsClinicianApproval: false,
  },
  {
    id: "who-administers",
    text: {
      en: {
        question: "Who gives the treatment?",
        answer: "TMS is usually done at a specialist's office, under a qualified physician or a TMS technician.",
      },
      es: {
        question: "¿Quién da el tratamiento?",
        answer: "La TMS normalmente se hace en el consultorio de un especialista, a cargo de un médico calificado o de un técnico de TMS.",
      },
    },
    cites: ["TMS for pain is usually performed at a specialist’s office under a qualified physician or TMS technician"],
    needsClinicianApproval: false,
  },
  {
    id: "who-cannot",
    text: {
      en: {
        question: "Who cannot have TMS?",
        answer:
          "TMS is not for everyone. It is not for people with metal or implanted medical devices, people who are pregnant, people with a history of seizures or a family history of epilepsy, brain damage from illness or injury such as a stroke, frequent or severe headaches, or certain other medical conditions. Always talk with your doctor about any medicines or supplements you take before starting.",
      },
      es: {
        question: "¿Quién no puede recibir TMS?",
        answer:
          "La TMS no es para todos. No es para personas con metal o aparatos médicos implantados en el cuerpo, personas embarazadas, personas que han tenido convulsiones o con familiares que tienen epilepsia, daño cerebral por una enfermedad o lesión, como un derrame cerebral, dolores de cabeza frecuentes o fuertes, u otras condiciones médicas. Siempre hable con su médico sobre cualquier medicina o suplemento que tome antes de empezar.",
      },
    },
    cites: [
      "it is not for everyone",
      "Those with metal or implanted medical devices",
      "Those who are pregnant",
      "Those with a history of seizures or family history of epilepsy",
      "Brain damage from illness or injury, such as a stroke.",
      "Frequent or severe headaches",
      "With certain other medical conditions",
      "Always speak with your doctor about any other medication or supplements you are taking before starting TMS for pain.",
    ],
    needsClinicianApproval: false,
    esReview: '"derrame cerebral" for stroke and "otras condiciones médicas" (a possible calque; "otros problemas de salud"?).',
  },
  {
    id: "is-the-call-confidential",
    text: {
      en: { question: "Is this call confidential?", answer: "Yes. Your call is confidential, with no obligation." },
      es: { question: "¿Esta llamada es confidencial?", answer: "Sí. Su llamada es confidencial y no tiene ningún compromiso." },
    },
    cites: ["Your call is confidential with no obligation."],
    needsClinicianApproval: false,
  },
  {
    id: "is-it-safe",
    text: {
      en: { question: "Is TMS safe?", answer: "The clinic's page calls TMS for pain a relatively safe and non-invasive therapy." },
      es: {
        question: "¿La TMS es segura?",
        answer: "La página de la clínica dice que la TMS para el dolor es una terapia relativamente segura y no invasiva.",
      },
    },
    cites: ["While TMS for pain is a relatively safe and non-invasive therapy, it is not for everyone."],
    // A safety claim: a clinician says it, or approves the words, before a coordinator does.
    needsClinicianApproval: true,
  },
  {
    id: "benefits",
    text: {
      en: {
        question: "What are the benefits of TMS?",
        answer:
          "The clinic's page lists a high success rate, no side effects and lasting change as benefits, especially for people who have not responded to other treatment.",
      },
      es: {
        question: "¿Qué beneficios tiene la TMS?",
        answer:
          "La página de la clínica menciona como beneficios un alto porcentaje de éxito, ningún efecto secundario y cambios duraderos, sobre todo para quienes no han mejorado con otros tratamientos.",
      },
    },
    cites: [
      "TMS therapy is especially useful for those who haven’t responded to other forms of treatment.",
      "rTMS can help facilitate lasting change",
      "High-success rate",
      "No-side effects",
    ],
    // "High success rate" and "no side effects" are not facts a coordinator may promise.
    needsClinicianApproval: true,
  },
];
